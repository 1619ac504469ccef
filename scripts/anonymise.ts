/**
 * Command line anonymiser: reads stdin, prints the anonymised text (or --json with redactions).
 *   node --import tsx scripts/anonymise.ts [--json] [--remove WORD]... [--keep WORD]...
 * The input is never echoed anywhere but through the anonymiser.
 */
import { anonymise } from "../app/anonymiser";

interface CliOptions {
  json: boolean;
  remove: string[];
  keep: string[];
}

function parseArgs(args: string[]): CliOptions | string {
  const options: CliOptions = { json: false, remove: [], keep: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") {
      options.json = true;
    } else if (arg === "--remove" || arg === "--keep") {
      const value = args[++i];
      if (value === undefined) return `${arg} needs a value`;
      options[arg === "--remove" ? "remove" : "keep"].push(value);
    } else {
      return `unknown option: ${arg}`;
    }
  }
  return options;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const options = parseArgs(process.argv.slice(2));
if (typeof options === "string") {
  process.stderr.write(`anonymise: ${options}\nusage: anonymise [--json] [--remove WORD]... [--keep WORD]...\n`);
  process.exit(2);
}
const input = await readStdin();
const result = anonymise(input, { remove: options.remove, keep: options.keep });
process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : result.text);
