import { startRelay } from '@porthole/relay';

const relay = await startRelay({
  port: 0,
  host: '127.0.0.1',
  dataDir: '/tmp/porthole-try',
  loopDir: '/work/main/loop',
  token: 'secret-secret-secret',
  offlineAfter: '10s',
  privacyWindows: 'off',
  logLevel: 'silent',
});
console.log(relay.url);
process.on('SIGINT', async () => {
  await relay.close();
  process.exit(0);
});
