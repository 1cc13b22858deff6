/**
 * The page's files (HTML, CSS, one ES module), embedded in the package at build time and served
 * from memory: nothing is read from disk, so the page works from an installed package and from
 * a single-file bundle alike.
 */
import stylesheet from './page/dashboard.css?raw';
import script from './page/dashboard.js?raw';
import html from './page/index.html?raw';

/** One file of the page, ready to send. */
export interface PageAsset {
  /** The Content-Type header. */
  readonly contentType: string;
  /** The file's text. */
  readonly body: string;
}

const assets: Readonly<Record<string, PageAsset>> = {
  '/': { contentType: 'text/html; charset=utf-8', body: html },
  '/dashboard.css': { contentType: 'text/css; charset=utf-8', body: stylesheet },
  '/dashboard.js': { contentType: 'text/javascript; charset=utf-8', body: script },
};

/** The total size of the page's files, in bytes (UTF-8): what a browser downloads. */
export const pageAssetBytes = Object.values(assets).reduce((total, asset) => total + Buffer.byteLength(asset.body), 0);

/** Escapes text for an HTML attribute value. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The asset served at `path` (`/index.html` is `/`), or undefined. With a token, the page's
 * links to its stylesheet and script carry it, so the browser's requests for them pass the check.
 */
export function findPageAsset(path: string, token: string | undefined): PageAsset | undefined {
  const asset = assets[path === '/index.html' ? '/' : path];
  if (asset === undefined || asset !== assets['/']) return asset;
  const query = token === undefined ? '' : escapeAttribute(`?token=${encodeURIComponent(token)}`);
  return { ...asset, body: asset.body.replaceAll('{{ASSET_QUERY}}', query) };
}
