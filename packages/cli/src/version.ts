/** The CLI's version, from its package.json (bundled at build time). */
import packageJson from '../package.json' with { type: 'json' };

/** The `@watchbot/cli` version, e.g. "0.1.0". */
export const version: string = packageJson.version;
