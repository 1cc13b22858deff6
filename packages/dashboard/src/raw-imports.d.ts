/**
 * `import text from './file?raw'`: a file's contents as a string. The build (tsup.config.ts)
 * and the tests (Vite) both resolve these, so the page's assets are embedded in the package's
 * JavaScript and work wherever it is installed or bundled.
 */
declare module '*?raw' {
  const text: string;
  export default text;
}
