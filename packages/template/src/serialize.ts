/**
 * Templates as text: JSON, or YAML with long-form intrinsic keys (`Fn::GetAtt:` rather than
 * `!GetAtt`), which needs no custom tags to parse and is valid CloudFormation YAML.
 */
import { stringify } from 'yaml';
import type { Template } from './cloudform.js';
import { templateSections } from './template-sections.js';

/** A template as plain JSON data: sections in canonical order, intrinsics as objects, `refs` left out. */
export function toPlainTemplate(template: Template): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  const source = template as Record<string, unknown>;
  for (const section of templateSections) {
    if (source[section] !== undefined) plain[section] = JSON.parse(JSON.stringify(source[section])) as unknown;
  }
  return plain;
}

/** The template as JSON text, indented by two spaces, with a final newline. */
export function toJson(template: Template): string {
  return `${JSON.stringify(toPlainTemplate(template), null, 2)}\n`;
}

/** The template as YAML text. */
export function toYaml(template: Template): string {
  // No line folding (long Fn::Sub strings stay on one line); no anchors for repeated values.
  return stringify(toPlainTemplate(template), { lineWidth: 0, aliasDuplicateObjects: false });
}
