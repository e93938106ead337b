/**
 * The KQL subset the emulator's Resource Graph understands:
 *
 * ```
 * Resources
 * | where <cond> [and|or <cond> ...]      (and binds tighter than or; no parentheses)
 * | project <field>[, <field> ...]
 * | order by <field> [asc|desc]            (also: sort by)
 * | limit <n>                              (also: take)
 * | count
 * ```
 *
 * `<cond>` is `<field> <op> <value>` with op one of `==`, `!=`, `=~`, `!~`,
 * `in`, `!in`, `in~`, `!in~`, `contains`, `!contains`, `startswith`,
 * `endswith`, `has`; values are quoted strings, numbers, `true`/`false` or a
 * parenthesised list. `<field>` is a column (`id`, `name`, `type`, `kind`,
 * `location`, `resourceGroup`, `subscriptionId`, `tenantId`, `sku`,
 * `properties`, `tags`, `identity`, ...) or a path into it
 * (`properties.publicNetworkAccess`, `tags['backstage.io-owner']`,
 * `tags.env`). Anything else is rejected with a {@link KqlError}.
 */

/** A query the emulator cannot answer exactly. */
export class KqlError extends Error {}

type Cond = { field: string[]; op: string; value: unknown };
/** A parsed query. */
export interface KqlQuery {
  /** Each where clause is an OR of ANDs; every clause must hold. */
  whereClauses: Cond[][][];
  project?: string[][];
  projectNames?: string[];
  order?: { field: string[]; desc: boolean };
  limit?: number;
  count: boolean;
}

const LIST_OPS = ['!in~', 'in~', '!in', 'in'];
const OPS = [
  '!in~',
  'in~',
  '!in',
  'in',
  '==',
  '!=',
  '=~',
  '!~',
  '!contains',
  'contains',
  'startswith',
  'endswith',
  'has',
];

/** Parses the supported subset, or throws a KqlError naming what is not supported. */
export function parseKql(text: string): KqlQuery {
  const stages = splitPipes(text).map(s => s.trim());
  const table = stages.shift() ?? '';
  if (!/^resources$/i.test(table)) {
    throw new KqlError(
      `Only the 'Resources' table is supported, got '${table}'.`,
    );
  }
  const q: KqlQuery = { whereClauses: [], count: false };
  for (const stage of stages) {
    const m = /^(\w+)(?:\s+by)?\s*([\s\S]*)$/i.exec(stage);
    const verb = m?.[1].toLowerCase();
    const rest = m?.[2] ?? '';
    if (q.count) {
      throw new KqlError('Nothing may follow count.');
    }
    switch (verb) {
      case 'where':
        q.whereClauses.push(parseWhere(rest));
        break;
      case 'project': {
        const parts = splitTop(rest, ',')
          .map(p => p.trim())
          .filter(Boolean);
        if (!parts.length) {
          throw new KqlError('project needs at least one column.');
        }
        q.projectNames = parts.map(p => {
          if (/=/.test(p)) {
            throw new KqlError(
              `Computed columns are not supported in project: '${p}'.`,
            );
          }
          return parseField(p).join('_');
        });
        q.project = parts.map(parseField);
        break;
      }
      case 'order':
      case 'sort': {
        const om = /^(\S+)(?:\s+(asc|desc))?$/i.exec(rest.trim());
        if (!om) {
          throw new KqlError(`Unsupported order by clause: '${rest}'.`);
        }
        q.order = {
          field: parseField(om[1]),
          desc: (om[2] ?? 'desc').toLowerCase() === 'desc',
        };
        break;
      }
      case 'limit':
      case 'take': {
        const n = Number(rest.trim());
        if (!Number.isInteger(n) || n < 0) {
          throw new KqlError(`'${verb}' needs a non-negative integer.`);
        }
        q.limit = n;
        break;
      }
      case 'count':
        if (rest.trim()) {
          throw new KqlError('count takes no arguments.');
        }
        q.count = true;
        break;
      default:
        throw new KqlError(
          `The operator '${
            verb ?? stage
          }' is not supported by the emulator. Supported: where, project, order by, sort by, limit, take, count.`,
        );
    }
  }
  return q;
}

function splitPipes(text: string): string[] {
  return splitTop(text, '|');
}

/** Splits on a separator outside quotes and parentheses. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) {
        quote = undefined;
      }
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '(' || ch === '[') {
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
    } else if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (quote) {
    throw new KqlError('Unterminated string literal.');
  }
  out.push(cur);
  return out;
}

function parseWhere(text: string): Cond[][] {
  const ors = splitWord(text, 'or');
  return ors.map(part => splitWord(part, 'and').map(parseCond));
}

function splitWord(text: string, word: string): string[] {
  const tokens = splitTop(
    text.replace(new RegExp(`\\s+${word}\\s+`, 'gi'), m => `\u0000${m}\u0000`),
    '\u0000',
  );
  const out: string[] = [];
  let cur = '';
  for (const t of tokens) {
    if (t.trim().toLowerCase() === word) {
      out.push(cur);
      cur = '';
    } else {
      cur += t;
    }
  }
  out.push(cur);
  return out;
}

function parseCond(text: string): Cond {
  const t = text.trim();
  if (t.startsWith('(') || t.startsWith('not(') || t.startsWith('not (')) {
    throw new KqlError(
      `Parentheses and not() are not supported in where: '${t}'.`,
    );
  }
  for (const op of OPS) {
    const escaped = op.replace(/[~!]/g, '\\$&');
    // Word operators need whitespace around them (a list may follow directly);
    // symbol operators may touch their operands.
    const re = /\w/.test(op)
      ? new RegExp(`^(\\S+)\\s+${escaped}(?:\\s+|(?=\\())([\\s\\S]+)$`, 'i')
      : new RegExp(`^(\\S+?)\\s*${escaped}\\s*([\\s\\S]+)$`);
    const m = re.exec(t);
    if (m) {
      const value = parseValue(m[2].trim(), LIST_OPS.includes(op));
      return { field: parseField(m[1]), op: op.toLowerCase(), value };
    }
  }
  throw new KqlError(`Unsupported where condition: '${t}'.`);
}

function parseValue(text: string, list: boolean): unknown {
  if (list) {
    const m = /^\(([\s\S]*)\)$/.exec(text);
    if (!m) {
      throw new KqlError(`'in' needs a parenthesised list, got '${text}'.`);
    }
    return splitTop(m[1], ',').map(v => parseValue(v.trim(), false));
  }
  const s = /^'([^']*)'$/.exec(text) ?? /^"([^"]*)"$/.exec(text);
  if (s) {
    return s[1];
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  if (/^(true|false)$/i.test(text)) {
    return text.toLowerCase() === 'true';
  }
  throw new KqlError(
    `Unsupported value: '${text}'. Use a quoted string, a number, true/false or a list.`,
  );
}

/** `properties.a.b`, `tags['x']`, `tags.x` → path segments. */
function parseField(text: string): string[] {
  const t = text.trim();
  if (
    !/^[A-Za-z_][\w]*((\.[A-Za-z_][\w]*)|(\[\s*'[^']*'\s*\])|(\[\s*"[^"]*"\s*\]))*$/.test(
      t,
    )
  ) {
    throw new KqlError(`Unsupported column expression: '${t}'.`);
  }
  const out: string[] = [];
  const re = /([A-Za-z_]\w*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]/g;
  for (const m of t.matchAll(re)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

function get(row: Record<string, unknown>, path: string[]): unknown {
  let cur: any = row;
  for (const [i, seg] of path.entries()) {
    if (cur === null || typeof cur !== 'object') {
      return undefined;
    }
    const key =
      i === 0
        ? Object.keys(cur).find(k => k.toLowerCase() === seg.toLowerCase()) ??
          seg
        : seg;
    cur = cur[key];
  }
  return cur;
}

function test(c: Cond, row: Record<string, unknown>): boolean {
  const v = get(row, c.field);
  const s = v === undefined || v === null ? '' : String(v);
  const str = (x: unknown) => String(x);
  switch (c.op) {
    case '==':
      return typeof c.value === 'string' ? s === c.value : v === c.value;
    case '!=':
      return typeof c.value === 'string' ? s !== c.value : v !== c.value;
    case '=~':
      return s.toLowerCase() === str(c.value).toLowerCase();
    case '!~':
      return s.toLowerCase() !== str(c.value).toLowerCase();
    case 'in':
      return (c.value as unknown[]).some(x => str(x) === s);
    case '!in':
      return !(c.value as unknown[]).some(x => str(x) === s);
    case 'in~':
      return (c.value as unknown[]).some(
        x => str(x).toLowerCase() === s.toLowerCase(),
      );
    case '!in~':
      return !(c.value as unknown[]).some(
        x => str(x).toLowerCase() === s.toLowerCase(),
      );
    case 'contains':
      return s.toLowerCase().includes(str(c.value).toLowerCase());
    case '!contains':
      return !s.toLowerCase().includes(str(c.value).toLowerCase());
    case 'startswith':
      return s.toLowerCase().startsWith(str(c.value).toLowerCase());
    case 'endswith':
      return s.toLowerCase().endsWith(str(c.value).toLowerCase());
    case 'has':
      return new RegExp(
        `(^|[^a-z0-9])${str(c.value)
          .toLowerCase()
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`,
      ).test(s.toLowerCase());
    default:
      return false;
  }
}

/** Runs a parsed query over rows. */
export function runKql(
  q: KqlQuery,
  rows: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
  let out = rows.filter(r =>
    q.whereClauses.every(clause =>
      clause.some(and => and.every(c => test(c, r))),
    ),
  );
  if (q.order) {
    const { field, desc } = q.order;
    out = [...out].sort((a, b) => {
      const x = String(get(a, field) ?? '');
      const y = String(get(b, field) ?? '');
      return x.localeCompare(y) * (desc ? -1 : 1);
    });
  }
  if (q.limit !== undefined) {
    out = out.slice(0, q.limit);
  }
  if (q.count) {
    return [{ Count: out.length }];
  }
  if (q.project) {
    out = out.map(r =>
      Object.fromEntries(
        q.project!.map((p, i) => [q.projectNames![i], get(r, p) ?? null]),
      ),
    );
  }
  return out;
}
