/** Finding and resolving the internal links of built HTML pages. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Link {
  page: string;
  attribute: 'href' | 'src';
  target: string;
}

/** href and src values of a page that stay on the site (no scheme, no protocol-relative, no data:). */
export function internalLinks(page: string, html: string): Link[] {
  const links: Link[] = [];
  for (const match of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const target = match[2] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    links.push({ page, attribute: match[1] as 'href' | 'src', target });
  }
  return links;
}

/** The file a link lands on (directories serve index.html), and its #fragment if any. */
export function resolveLink(outDir: string, link: Link): { file: string | undefined; fragment: string } {
  const base = new URL(link.page, 'https://site.invalid/');
  const url = new URL(link.target.replaceAll('&amp;', '&'), base);
  const path = decodeURIComponent(url.pathname);
  const candidates = path.endsWith('/') ? [join(path, 'index.html')] : [path, join(path, 'index.html')];
  const file = candidates
    .map((candidate) => join(outDir, candidate))
    .find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return { file, fragment: decodeURIComponent(url.hash.slice(1)) };
}

/** Whether an element with this id exists in the page. */
export function hasAnchor(html: string, id: string): boolean {
  return html.includes(`id="${id}"`);
}
