/**
 * An error that the emulator answers with an ARM error body
 * (`{"error":{"code","message"}}`) and the given HTTP status.
 *
 * @public
 */
export class ArmError extends Error {
  /** HTTP status of the answer. */
  readonly status: number;
  /** ARM error code, e.g. `ResourceNotFound`. */
  readonly code: string;
  /** Nested errors, sent as `error.details`. */
  readonly details?: Array<{ code: string; message: string }>;
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra?: {
      details?: Array<{ code: string; message: string }>;
      headers?: Record<string, string>;
    },
  ) {
    super(message);
    this.name = 'ArmError';
    this.status = status;
    this.code = code;
    this.details = extra?.details;
    this.headers = extra?.headers;
  }

  /** The ARM error body for this error. */
  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = {
      code: this.code,
      message: this.message,
    };
    if (this.details) {
      error.details = this.details;
    }
    return { error };
  }
}

/** 404 for a missing resource, worded like ARM. */
export function resourceNotFound(type: string, name: string, rg?: string) {
  const where = rg ? ` under resource group '${rg}'` : '';
  return new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}'${where} was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** 404 for a missing resource group, worded like ARM. */
export function resourceGroupNotFound(rg: string) {
  return new ArmError(
    404,
    'ResourceGroupNotFound',
    `Resource group '${rg}' could not be found.`,
  );
}

/** 400 for a body that breaks the schema. */
export function badRequest(message: string, code = 'BadRequest') {
  return new ArmError(400, code, message);
}
