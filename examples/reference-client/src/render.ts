/**
 * Draws what the server streams: the agent's message as it arrives, each command with its output,
 * each file change as a coloured diff, the plan, and the turn's token usage at the end.
 */
import type { v2 } from '@agentd/protocol';

const ansi = (enabled: boolean, code: number) => (text: string) => (enabled ? `\x1b[${code}m${text}\x1b[0m` : text);

export function palette(enabled: boolean) {
  return { bold: ansi(enabled, 1), dim: ansi(enabled, 2), red: ansi(enabled, 31), green: ansi(enabled, 32), yellow: ansi(enabled, 33), cyan: ansi(enabled, 36) };
}

const PLAN_MARKS: Record<v2.TurnPlanStepStatus, string> = { pending: '[ ]', inProgress: '[~]', completed: '[x]' };

export class Renderer {
  /** The terminal, or nowhere in `--json` mode. */
  readonly #out: { write(text: string): unknown };
  readonly #paint: ReturnType<typeof palette>;
  #atLineStart = true;
  /** Token usage of this turn: the sum of every model request's. */
  readonly usage = { input: 0, cached: 0, output: 0 };

  constructor(out: { write(text: string): unknown }, paint: ReturnType<typeof palette>) {
    this.#out = out;
    this.#paint = paint;
  }

  notification(method: v2.ServerNotificationMethod, params: unknown): void {
    const p = this.#paint;
    switch (method) {
      case 'item/agentMessage/delta':
        return this.write((params as v2.ServerNotificationParams<typeof method>).delta);
      case 'item/commandExecution/outputDelta':
        return this.write(p.dim((params as v2.ServerNotificationParams<typeof method>).delta));
      case 'item/started': {
        const { item } = params as v2.ServerNotificationParams<typeof method>;
        if (item.type === 'commandExecution') this.line(p.bold(`$ ${item.command}`));
        if (item.type === 'fileChange') for (const change of item.changes) this.#diff(change);
        if (item.type === 'agentMessage') this.line('');
        return;
      }
      case 'item/completed': {
        const { item } = params as v2.ServerNotificationParams<typeof method>;
        if (item.type === 'commandExecution') {
          const ok = item.status === 'completed' && item.exitCode === 0;
          this.line((ok ? p.green : p.red)(item.exitCode == null ? item.status : `exit ${item.exitCode}`));
        }
        if (item.type === 'fileChange') this.line((item.status === 'completed' ? p.green : p.red)(`patch ${item.status}`));
        if (item.type === 'agentMessage') this.line('');
        return;
      }
      case 'turn/plan/updated': {
        const { plan, explanation } = params as v2.ServerNotificationParams<typeof method>;
        this.line(p.cyan(`plan${explanation ? `: ${explanation}` : ''}`));
        for (const { step, status } of plan) this.line(`  ${PLAN_MARKS[status]} ${step}`);
        return;
      }
      case 'thread/tokenUsage/updated': {
        const { last } = (params as v2.ServerNotificationParams<typeof method>).tokenUsage;
        this.usage.input += last.inputTokens;
        this.usage.cached += last.cachedInputTokens;
        this.usage.output += last.outputTokens;
        return;
      }
      case 'error': {
        const { error, willRetry } = params as v2.ServerNotificationParams<typeof method>;
        return this.line(willRetry ? p.yellow(error.message) : p.red(`error: ${error.message}`));
      }
    }
  }

  /** The last lines: how the turn ended and what it cost. */
  summary(turn: v2.Turn): void {
    const { input, cached, output } = this.usage;
    this.line(`turn ${(turn.status === 'completed' ? this.#paint.green : this.#paint.red)(turn.status)}${turn.error ? `: ${turn.error.message}` : ''}`);
    this.line(this.#paint.dim(`tokens: ${input} input (${cached} cached), ${output} output, ${input + output} total`));
  }

  write(text: string): void {
    if (text.length === 0) return;
    this.#out.write(text);
    this.#atLineStart = text.replace(/\x1b\[\d+m/g, '').endsWith('\n');
  }

  /** Writes one whole line, starting a new one first when needed. */
  line(text: string): void {
    this.write(`${this.#atLineStart ? '' : '\n'}${text}\n`);
  }

  #diff(change: v2.FileUpdateChange): void {
    const p = this.#paint;
    this.line(p.bold(`${change.kind.type} ${change.path}`));
    for (const text of change.diff.replace(/\n$/, '').split('\n')) {
      // An added file's "diff" is its whole content.
      if (change.kind.type === 'add') this.line(p.green(`+${text}`));
      else if (/^(\+\+\+|---) /.test(text)) this.line(p.bold(text));
      else this.line(text.startsWith('+') ? p.green(text) : text.startsWith('-') ? p.red(text) : text.startsWith('@@') ? p.cyan(text) : text);
    }
  }
}
