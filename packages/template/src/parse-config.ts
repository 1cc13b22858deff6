/**
 * Reads a config file's text — JSON, or YAML for .yaml/.yml names — into the options object
 * `template()` validates. Parsing only: the options are checked by `template()` itself.
 */
import { parse } from 'yaml';
import { TemplateError, templateErrorCodes } from './template-error.js';

/**
 * Parses `text` as JSON, or as YAML when `fileName` ends in .yaml or .yml.
 * @throws TemplateError INVALID_INPUT naming the file and the parser's reason.
 */
export function parseConfig(text: string, fileName: string): unknown {
  const yaml = /\.ya?ml$/i.test(fileName);
  try {
    return yaml ? (parse(text, { prettyErrors: false }) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TemplateError(templateErrorCodes.INVALID_INPUT, `${fileName}: not valid ${yaml ? 'YAML' : 'JSON'}: ${reason}`, { cause: error });
  }
}
