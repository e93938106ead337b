import { startEmulator, type EmulatorOptions } from './startEmulator';
import type { PresetName } from './presets';

/** Parses `20ms`, `1s`, `10-50ms` or a bare number of milliseconds. */
export function parseDuration(
  text: string,
): number | { min: number; max: number } {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(ms|s)?$/.exec(text.trim());
  if (!m) {
    throw new Error(
      `Invalid duration '${text}'. Use e.g. 20ms, 1s or 10-50ms.`,
    );
  }
  const unit = m[3] === 's' ? 1000 : 1;
  const min = Number(m[1]) * unit;
  return m[2] ? { min, max: Number(m[2]) * unit } : min;
}

function parseKeyValues(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [k, v] = part.split('=');
    const n = Number(v);
    if (!k || !Number.isFinite(n)) {
      throw new Error(`Invalid key=value list '${text}'.`);
    }
    out[k.trim()] = n;
  }
  return out;
}

export const USAGE = `Usage: azure-arm-emulator [options]

  --port <n>              TCP port on 127.0.0.1 (default 0 = a free port)
  --preset <empty|demo>   initial data (default empty)
  --fleet accounts=N,subscriptions=M,seed=S   add a generated fleet
  --state-file <path>     load state from this JSON file if it exists; save it on exit
  --latency <d>           latency per call, e.g. 20ms or 10-50ms
  --lro-step <d>          time per LRO phase (Accepted, Creating), default 1s
  --page-size <n>         page size of list operations (default 100)
  --reads <burst>/<rate>  read bucket per subscription x caller (default 250/25)
  --writes <burst>/<rate> write bucket (default 200/10)
  --deletes <burst>/<rate> delete bucket (default 200/10)
  --no-throttling         never answer 429 from the buckets
  --log                   print one line per ARM call to stderr
  --fault <json>          add a fault rule (repeatable), e.g. '{"kind":"error","status":503,"rate":0.1}'
  --public-base-url <url> origin used in nextLink and operation URLs (default https://management.azure.com)
  --help`;

/** Turns CLI arguments into emulator options. Throws with a readable message on bad input. */
export function parseArgs(
  argv: string[],
): EmulatorOptions & { help?: boolean } {
  const opts: EmulatorOptions & { help?: boolean } = { lro: { stepMs: 1000 } };
  const faults: NonNullable<EmulatorOptions['faults']> = [];
  const bucket = (v: string) => {
    const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(v);
    if (!m) {
      throw new Error(
        `Invalid bucket '${v}'. Use <burst>/<perSecond>, e.g. 250/25.`,
      );
    }
    return { burst: Number(m[1]), perSecond: Number(m[2]) };
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) {
        throw new Error(`${arg} needs a value.`);
      }
      return v;
    };
    switch (arg) {
      case '--help':
      case '-h':
        opts.help = true;
        break;
      case '--port': {
        const p = Number(next());
        if (!Number.isInteger(p) || p < 0 || p > 65535) {
          throw new Error('--port must be an integer between 0 and 65535.');
        }
        opts.port = p;
        break;
      }
      case '--preset': {
        const p = next();
        if (p !== 'empty' && p !== 'demo') {
          throw new Error(`Unknown preset '${p}'. Use empty or demo.`);
        }
        opts.preset = p as PresetName;
        break;
      }
      case '--fleet':
        opts.fleet = parseKeyValues(next());
        break;
      case '--state-file':
        opts.stateFile = next();
        break;
      case '--latency':
        opts.latencyMs = parseDuration(next());
        break;
      case '--lro-step': {
        const d = parseDuration(next());
        if (typeof d !== 'number') {
          throw new Error('--lro-step takes a single duration.');
        }
        opts.lro = { stepMs: d };
        break;
      }
      case '--page-size':
        opts.pageSize = Number(next());
        break;
      case '--reads':
        opts.throttling = { ...opts.throttling, reads: bucket(next()) };
        break;
      case '--writes':
        opts.throttling = { ...opts.throttling, writes: bucket(next()) };
        break;
      case '--deletes':
        opts.throttling = { ...opts.throttling, deletes: bucket(next()) };
        break;
      case '--log':
        opts.onRequest = e =>
          process.stderr.write(
            `${e.status} ${e.method} ${e.path} ${e.operationId} ${e.durationMs}ms\n`,
          );
        break;
      case '--no-throttling':
        opts.throttling = { ...opts.throttling, enabled: false };
        break;
      case '--fault':
        try {
          faults.push(JSON.parse(next()));
        } catch {
          throw new Error('--fault needs a JSON fault rule.');
        }
        break;
      case '--public-base-url':
        opts.publicBaseUrl = next();
        break;
      default:
        throw new Error(`Unknown option '${arg}'.\n${USAGE}`);
    }
  }
  if (faults.length) {
    opts.faults = faults;
  }
  return opts;
}

/**
 * Runs the CLI: starts the emulator, prints its URL, stops on SIGINT/SIGTERM.
 *
 * @param argv - the command-line arguments after the program name, e.g. `['--port', '7071', '--preset', 'demo']`
 * @public
 */
export async function main(argv: string[]): Promise<void> {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let emu;
  try {
    emu = await startEmulator(opts);
  } catch (e) {
    process.stderr.write(`azure-arm-emulator: ${(e as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${emu.url}\n`);
  const stop = () => {
    emu.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
