/**
 * A check AWS's offline validator lacks: every name a template refers to must exist. `Ref`,
 * `Fn::GetAtt`, `Fn::Sub` variables, `Fn::If` and `Condition` names, `Fn::FindInMap` maps and
 * `DependsOn` are followed everywhere — including inside Conditions, where only parameters and
 * pseudo parameters may be referred to, and where the validator misses an undefined name.
 */
import type { Template } from './cloudform.js';
import { toPlainTemplate } from './serialize.js';
import { pseudoParameters } from './template-sections.js';

/** One reference to a name that does not exist (or may not be referred to from there). */
export interface BrokenReference {
  /** Where, as a JSON path: "Resources.Service.Properties.Cluster". */
  readonly path: string;
  /** The missing name. */
  readonly target: string;
  /** One line saying what is wrong. */
  readonly message: string;
}

interface Names {
  readonly resources: ReadonlySet<string>;
  readonly parameters: ReadonlySet<string>;
  readonly conditions: ReadonlySet<string>;
  readonly mappings: ReadonlySet<string>;
}

/** Every broken reference in `template`; empty when all names resolve. */
export function findBrokenReferences(template: Template): BrokenReference[] {
  const plain = toPlainTemplate(template);
  const keys = (section: string): Set<string> => new Set(Object.keys((plain[section] as Record<string, unknown> | undefined) ?? {}));
  const names: Names = { resources: keys('Resources'), parameters: keys('Parameters'), conditions: keys('Conditions'), mappings: keys('Mappings') };
  const broken: BrokenReference[] = [];
  const report = (path: string, target: string, message: string): void => {
    broken.push({ path, target, message: `${path}: ${message}` });
  };
  const walker = createWalker(names, report);
  for (const [id, body] of Object.entries((plain.Conditions as Record<string, unknown> | undefined) ?? {})) walker.walk(body, `Conditions.${id}`, true);
  for (const [id, resource] of Object.entries((plain.Resources as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    const path = `Resources.${id}`;
    const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
    for (const target of dependsOn) {
      if (typeof target === 'string' && !names.resources.has(target)) report(`${path}.DependsOn`, target, `DependsOn names "${target}", which is not a resource`);
    }
    walker.checkCondition(resource.Condition, `${path}.Condition`);
    walker.walk(resource.Properties, `${path}.Properties`, false);
    walker.walk(resource.Metadata, `${path}.Metadata`, false);
  }
  for (const [id, output] of Object.entries((plain.Outputs as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    walker.checkCondition(output.Condition, `Outputs.${id}.Condition`);
    walker.walk(output.Value, `Outputs.${id}.Value`, false);
    walker.walk(output.Export, `Outputs.${id}.Export`, false);
  }
  return broken;
}

function createWalker(names: Names, report: (path: string, target: string, message: string) => void) {
  const isPseudo = (name: string): boolean => (pseudoParameters as readonly string[]).includes(name);
  const checkRef = (target: string, path: string, inConditions: boolean): void => {
    if (names.parameters.has(target) || isPseudo(target)) return;
    if (inConditions) report(path, target, `Ref "${target}" in a condition: conditions may refer only to parameters and pseudo parameters`);
    else if (!names.resources.has(target)) report(path, target, `Ref "${target}" names no resource, parameter or pseudo parameter`);
  };
  const checkCondition = (target: unknown, path: string): void => {
    if (typeof target === 'string' && !names.conditions.has(target)) report(path, target, `condition "${target}" is not defined in Conditions`);
  };
  const checkSub = (text: string, variables: ReadonlySet<string>, path: string, inConditions: boolean): void => {
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      const name = match[1]!.trim();
      if (name.startsWith('!') || variables.has(name)) continue;
      const dot = name.indexOf('.');
      if (dot === -1) checkRef(name, path, inConditions);
      else if (!names.resources.has(name.slice(0, dot))) report(path, name, `Fn::Sub variable \${${name}} names no resource attribute or Fn::Sub variable`);
    }
  };
  const walk = (value: unknown, path: string, inConditions: boolean): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, inConditions));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const entries = Object.entries(value as Record<string, unknown>);
    const [key, argument] = entries.length === 1 ? entries[0]! : [undefined, undefined];
    if (key === 'Ref' && typeof argument === 'string') return checkRef(argument, `${path}.Ref`, inConditions);
    if (key === 'Condition' && typeof argument === 'string') return checkCondition(argument, `${path}.Condition`);
    if (key === 'Fn::GetAtt') {
      const target = typeof argument === 'string' ? argument.split('.')[0]! : Array.isArray(argument) ? argument[0] : undefined;
      if (typeof target === 'string' && !names.resources.has(target)) report(`${path}.Fn::GetAtt`, target, `Fn::GetAtt names "${target}", which is not a resource`);
      if (Array.isArray(argument)) walk(argument.slice(1), `${path}.Fn::GetAtt`, inConditions);
      return;
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument) ? [argument[0], argument[1]] : [argument, undefined];
      const defined = new Set(typeof variables === 'object' && variables !== null ? Object.keys(variables) : []);
      if (typeof text === 'string') checkSub(text, defined, `${path}.Fn::Sub`, inConditions);
      walk(variables, `${path}.Fn::Sub`, inConditions);
      return;
    }
    if (key === 'Fn::If' && Array.isArray(argument)) {
      checkCondition(argument[0], `${path}.Fn::If`);
      walk(argument.slice(1), `${path}.Fn::If`, inConditions);
      return;
    }
    if (key === 'Fn::FindInMap' && Array.isArray(argument) && typeof argument[0] === 'string' && !names.mappings.has(argument[0])) {
      report(`${path}.Fn::FindInMap`, argument[0], `Fn::FindInMap names "${argument[0]}", which is not in Mappings`);
    }
    for (const [name, child] of entries) walk(child, `${path}.${name}`, inConditions);
  };
  return { walk, checkCondition };
}
