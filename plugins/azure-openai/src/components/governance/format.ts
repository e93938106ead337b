import { parseEntityRef } from '@backstage/catalog-model';
import type {
  ControlResult,
  GovernanceScope,
} from '@pavedai/plugin-azure-openai-common';
import { getControl } from '@pavedai/plugin-azure-openai-common';

/** A user or group ref as people say it: `sam.search` for `user:default/sam.search`. */
export function displayRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** What a waiver or an attestation covers, in words. */
export function scopeLabel(scope: GovernanceScope): string {
  if (scope.type === 'entity') {
    return `every account of ${displayRef(scope.entityRef)}`;
  }
  return scope.resourceId.split('/').pop() || scope.resourceId;
}

/** The value of a `datetime-local` input for an instant, in the browser's time zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a `datetime-local` value stands for, or undefined when it is not one. */
export function parseLocalInputValue(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * What is wrong with an expiry typed in a `datetime-local` field, if anything. An empty value is
 * wrong only when the expiry is required.
 */
export function expiryError(
  value: string,
  options: { required: string | false; now?: Date },
): string | undefined {
  if (!value) return options.required || undefined;
  const expiry = parseLocalInputValue(value);
  if (!expiry) {
    return options.required
      ? 'Enter the expiry as a date and time.'
      : 'Enter the expiry as a date and time, or leave it empty.';
  }
  if (expiry.getTime() <= (options.now ?? new Date()).getTime()) {
    return 'The expiry must be in the future.';
  }
  return undefined;
}

/** Whether an `http:` or `https:` URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Whether an owner may ask to waive this result: it fails or is unknown, and the catalog does
 * not mark the control non-waivable (the server also applies the platform's own list).
 */
export function isWaivable(result: ControlResult): boolean {
  if (result.status !== 'fail' && result.status !== 'unknown') return false;
  return getControl(result.controlId)?.nonWaivable !== true;
}

/** Whether the control is decided (wholly or partly) by a person's statement. */
export function isAttestable(result: ControlResult): boolean {
  const kind = getControl(result.controlId)?.kind;
  return kind === 'attestation' || kind === 'partial';
}
