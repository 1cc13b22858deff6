/** Explicit deletion policies for stateful resources. */
import { DeletionPolicy } from 'cloudform-types/types/resource.js';

/**
 * Marks `resource` as removed with the stack and on replacement, explicitly: queues, tables and
 * logs of a Watchbot stack belong to it. (cloudform-types has no UpdateReplacePolicy: cast.)
 */
export function withDeletePolicy<T extends { DeletionPolicy?: DeletionPolicy }>(resource: T): T {
  resource.DeletionPolicy = DeletionPolicy.Delete;
  (resource as T & { UpdateReplacePolicy?: string }).UpdateReplacePolicy = 'Delete';
  return resource;
}
