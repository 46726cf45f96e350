import fs from 'node:fs';

/**
 * A reading of the project's Dockerfile for the tests that check it (no Docker
 * engine runs here): its stages, each with the stage it is built FROM and its
 * instructions, continuation lines joined.
 */

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined by one space. */
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export class Dockerfile {
  readonly stages: Map<string, Stage>;

  constructor(text: string) {
    this.stages = new Map();
    let current: Stage | undefined;
    for (const line of logicalLines(text)) {
      const match = /^([A-Z]+)\s+(.*)$/.exec(line);
      if (match === null) continue;
      const [, keyword, args] = match;
      const from = keyword === 'FROM' ? /^(\S+)\s+AS\s+(\S+)$/i.exec(args) : null;
      if (from !== null) {
        current = { name: from[2], from: from[1], instructions: [] };
        this.stages.set(current.name, current);
      } else if (current !== undefined) {
        current.instructions.push({ keyword, args });
      }
    }
  }

  static read(file: string): Dockerfile {
    return new Dockerfile(fs.readFileSync(file, 'utf8'));
  }

  stage(name: string): Stage {
    const found = this.stages.get(name);
    if (found === undefined) throw new Error(`the Dockerfile has no stage ${name}`);
    return found;
  }

  /** The stage and the stages it is built FROM, nearest first. */
  lineage(name: string): Stage[] {
    const chain: Stage[] = [];
    for (let stage = this.stages.get(name); stage !== undefined;) {
      chain.push(stage);
      stage = this.stages.get(stage.from);
    }
    return chain;
  }

  /** The last `keyword` instruction in effect for a stage (its own, else inherited). */
  effective(name: string, keyword: string): string | undefined {
    for (const stage of this.lineage(name)) {
      const own = stage.instructions.filter((i) => i.keyword === keyword).pop();
      if (own !== undefined) return own.args;
    }
    return undefined;
  }

  /** Every `keyword` instruction of a stage and the stages it is built FROM. */
  all(name: string, keyword: string): string[] {
    return this.lineage(name)
      .flatMap((stage) => stage.instructions)
      .filter((i) => i.keyword === keyword)
      .map((i) => i.args);
  }
}

/** Lines with comments dropped and backslash continuations joined. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw)) continue;
    const continued = /\\\s*$/.test(raw);
    pending += (pending === '' ? '' : ' ') + raw.replace(/\\\s*$/, '').trim();
    if (!continued) {
      if (pending !== '') lines.push(pending);
      pending = '';
    }
  }
  if (pending !== '') lines.push(pending);
  return lines;
}
