/**
 * `merge(...)`: one template from `template()` fragments and the caller's own templates.
 * A logical id defined twice is refused with an error naming it — never silently overwritten.
 */
import type { Template } from './cloudform.js';
import { namedSections, templateSections } from './template-sections.js';
import { TemplateError, templateErrorCodes } from './template-error.js';

/** What `merge` accepts: a template or fragment; a `refs` member (from `template()`) is ignored. */
export type MergeInput = Template | (Template & { readonly refs?: unknown });

/**
 * Combines templates section by section. AWSTemplateFormatVersion must agree where given;
 * Description is the first one given; Transform lists are joined without repeats.
 * @throws TemplateError DUPLICATE_LOGICAL_ID when a name appears twice in one section, or as
 *   both a parameter and a resource; INVALID_INPUT when an input is not a template.
 */
export function merge(...inputs: readonly MergeInput[]): Template {
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  inputs.forEach((input, index) => {
    const where = `input ${index + 1}`;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new TemplateError(templateErrorCodes.INVALID_INPUT, `merge: ${where} is not a template object`);
    }
    for (const key of Object.keys(input)) {
      if (key !== 'refs' && !(templateSections as readonly string[]).includes(key)) {
        throw new TemplateError(templateErrorCodes.INVALID_INPUT, `merge: ${where} has an unknown section "${key}"; expected ${templateSections.join(', ')}`);
      }
    }
    const source = input as Record<string, unknown>;
    mergeScalars(merged, source, where);
    for (const section of namedSections) {
      const entries = source[section];
      if (entries === undefined) continue;
      if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
        throw new TemplateError(templateErrorCodes.INVALID_INPUT, `merge: ${section} of ${where} is not an object`);
      }
      const target = (merged[section] ??= {}) as Record<string, unknown>;
      for (const [id, value] of Object.entries(entries)) {
        // Parameters and resources share one namespace: Ref resolves either.
        const namespace = section === 'Parameters' || section === 'Resources' ? 'Parameters/Resources' : section;
        const previous = origin.get(`${namespace}\0${id}`);
        if (previous !== undefined) {
          throw new TemplateError(templateErrorCodes.DUPLICATE_LOGICAL_ID, `merge: logical id "${id}" is defined twice: in ${previous} and in ${section} of ${where}`);
        }
        origin.set(`${namespace}\0${id}`, `${section} of ${where}`);
        target[id] = value;
      }
    }
  });
  return merged as Template;
}

function mergeScalars(merged: Record<string, unknown>, source: Record<string, unknown>, where: string): void {
  const version = source.AWSTemplateFormatVersion;
  if (version !== undefined) {
    if (merged.AWSTemplateFormatVersion !== undefined && merged.AWSTemplateFormatVersion !== version) {
      throw new TemplateError(templateErrorCodes.INVALID_INPUT, `merge: ${where} has AWSTemplateFormatVersion ${JSON.stringify(version)}, another input ${JSON.stringify(merged.AWSTemplateFormatVersion)}`);
    }
    merged.AWSTemplateFormatVersion = version;
  }
  if (source.Description !== undefined && merged.Description === undefined) merged.Description = source.Description;
  if (source.Transform !== undefined) {
    const transforms = [merged.Transform ?? [], source.Transform].flat();
    merged.Transform = [...new Set(transforms.map((transform) => JSON.stringify(transform)))].map((text) => JSON.parse(text) as unknown);
  }
}
