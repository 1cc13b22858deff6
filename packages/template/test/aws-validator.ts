/**
 * Validates templates with AWS's own offline validator (@aws/cloudformation-validate). Its
 * report's `status` stays "OK" even with FATAL findings, so the gate is on severities: any
 * FATAL or ERROR, and W3030 (a value not in an enum, only a warning there), fails.
 */
import { RegoEngine, TemplateFile } from '@aws/cloudformation-validate';
import type { Engine, StandardDiagnostic } from '@aws/cloudformation-validate';

/** A template held in memory: the validator reads bytes through TemplateFile.readBytes. */
class MemoryTemplate extends TemplateFile {
  readonly #bytes: Uint8Array;
  constructor(name: string, text: string) {
    super(name);
    this.#bytes = new TextEncoder().encode(text);
  }
  override readBytes(): Uint8Array {
    return this.#bytes;
  }
}

/** Findings that fail a template. */
export function isBlocking(diagnostic: StandardDiagnostic): boolean {
  return diagnostic.severity === 'FATAL' || diagnostic.severity === 'ERROR' || diagnostic.ruleId === 'W3030';
}

/** One validator engine for a test file (it takes ~2 s to start); free it when done. */
export interface AwsValidator {
  /** Every finding for `text` (JSON or YAML), with its file name for messages. */
  validate(name: string, text: string): StandardDiagnostic[];
  free(): void;
}

/** Starts the validator. */
export function createAwsValidator(): AwsValidator {
  const engine: Engine = new RegoEngine();
  return {
    validate: (name, text) => engine.validateStandard(new MemoryTemplate(name, text), {}).diagnostics,
    free: () => engine.free(),
  };
}

/** A finding as one line, for failure messages. */
export function describeDiagnostic(diagnostic: StandardDiagnostic): string {
  return `${diagnostic.severity} ${diagnostic.ruleId} ${diagnostic.entity?.logicalId ?? ''} ${diagnostic.propertyPath ?? ''}: ${diagnostic.message}`;
}
