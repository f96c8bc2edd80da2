export interface BannerFacts {
  siteUrl: string;
  relayUrl: string;
  token: string;
  tokenFile: string;
  dataDir: string;
  logs: { relay: string; camera: string; site: string };
}

/** What `npm start` prints once everything answers. */
export function banner(facts: BannerFacts): string {
  return `
  Porthole is running.

  Demo site       ${facts.siteUrl}
  Owner preview   ${facts.siteUrl}preview/
  Docs            ${facts.siteUrl}docs/
  Relay           ${facts.relayUrl}   (pointer: ${facts.relayUrl}frame)
  Token           ${facts.token}
                  (in ${facts.tokenFile}; for your own camera:
                   npx porthole-camera --dir ./my-frames --relay ${facts.relayUrl} --token-file ${facts.tokenFile})
  Data and logs   ${facts.dataDir}  (deleted on exit)

  The software camera uploads a synthetic frame every 2 s. Press Wave on the demo site and the
  camera reports it below. Ctrl-C stops everything.
`;
}
