import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isTemplateError, merge, parseConfig, template, toJson, toPlainTemplate, toYaml } from '../src/index.js';
import { minimalOptions } from './fixtures.js';

const stack = merge({ AWSTemplateFormatVersion: '2010-09-09', Description: 'demo' }, template(minimalOptions));

describe('toJson and toYaml', () => {
  it('prints JSON that parses back to the plain template, sections in canonical order', () => {
    const text = toJson(stack);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed).toEqual(toPlainTemplate(stack));
    expect(Object.keys(parsed)).toEqual(['AWSTemplateFormatVersion', 'Description', 'Resources', 'Outputs']);
  });

  it('prints YAML with long-form intrinsic keys that parses back to the same template', () => {
    const text = toYaml(stack);
    expect(text).toContain('Fn::GetAtt:');
    expect(text).not.toMatch(/!(Ref|GetAtt|Sub)\b/);
    expect(parse(text)).toEqual(toPlainTemplate(stack));
  });

  it('keeps string values that look like booleans or numbers as strings in YAML', () => {
    const environment = (parse(toYaml(stack)) as { Resources: Record<string, any> }).Resources.WatchbotTaskDefinition.Properties.ContainerDefinitions[0].Environment;
    expect(environment.find((entry: { Name: string }) => entry.Name === 'structuredLogging').Value).toBe('true');
    expect(environment.find((entry: { Name: string }) => entry.Name === 'concurrency').Value).toBe('1');
  });

  it('leaves template() refs out of the printed template', () => {
    expect(JSON.parse(toJson(template(minimalOptions)))).not.toHaveProperty('refs');
  });
});

describe('parseConfig', () => {
  it('reads JSON, and YAML for .yaml and .yml names', () => {
    expect(parseConfig('{"serviceName": "a"}', 'watchbot.config.json')).toEqual({ serviceName: 'a' });
    expect(parseConfig('serviceName: a\nconcurrency: 4\n', 'watchbot.yaml')).toEqual({ serviceName: 'a', concurrency: 4 });
    expect(parseConfig('serviceName: a', 'config.YML')).toEqual({ serviceName: 'a' });
  });

  it('reports a file that does not parse in one line naming the file', () => {
    let caught: unknown;
    try {
      parseConfig('{"serviceName": ', 'watchbot.config.json');
    } catch (error) {
      caught = error;
    }
    expect(isTemplateError(caught, 'INVALID_INPUT')).toBe(true);
    expect((caught as Error).message).toMatch(/^watchbot\.config\.json: not valid JSON: /);
    expect(() => parseConfig('a: [1', 'x.yaml')).toThrow(/^x\.yaml: not valid YAML: /);
  });
});
