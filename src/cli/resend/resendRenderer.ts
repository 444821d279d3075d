import { safeLine } from '../../format/text.ts';
import type { Problem } from '../catalog/Catalog.ts';
import type { CliContext } from '../CliContext.ts';
import { json } from '../list/ListRenderer.ts';
import type { OutboxReport } from './outboxReports.ts';

/**
 * What happened to one report: `sent` (accepted and marked), `failed` (not accepted: stays
 * pending), `skipped` (not tried: the destination refused several in a row), `unmarked` (accepted,
 * but the mark could not be written: sent again next time), `pending` (dry run).
 */
export type ResendOutcome = 'sent' | 'failed' | 'skipped' | 'unmarked' | 'pending';

/** What the renderer of one run needs to know. */
export interface ResendRun {
  /** The report directory as the user gave it. */
  directory: string;
  /** `sentry` or `otlp`. */
  destination: string;
  /** Whether nothing is sent. */
  dryRun: boolean;
  /** `--json`: one document at the end instead of a line per report. */
  json: boolean;
  /** Unreadable files (already on stderr). */
  problems: readonly Problem[];
}

/** Prints the outcome of each report as it happens (text) or at the end (`--json`), then a footer. */
export interface ResendRenderer {
  /** One report's outcome. */
  report(report: OutboxReport, outcome: ResendOutcome): void;
  /** The footer, or the JSON document. */
  end(): void;
}

const VERBS: Readonly<Record<ResendOutcome, string>> = {
  sent: 'sent',
  failed: 'failed',
  skipped: 'skipped',
  unmarked: 'unmarked',
  pending: 'would send',
};
const VERB_WIDTH = 10;
const MESSAGE_CHARS = 160;

/** The renderer of `err resend`: `VERB FINGERPRINT SERVICE TYPE: MESSAGE` lines, or `--json`. */
export function resendRenderer(context: CliContext, run: ResendRun): ResendRenderer {
  const outcomes: [OutboxReport, ResendOutcome][] = [];
  return {
    report: (report, outcome) => {
      outcomes.push([report, outcome]);
      if (run.json) return;
      const { info } = report;
      context.out.write(
        `${VERBS[outcome].padEnd(VERB_WIDTH)} ${info.fingerprint ?? ''}  ${safeLine(info.name, 60)}  ` +
          `${safeLine(info.exception.type, 80)}: ${safeLine(info.exception.message, MESSAGE_CHARS)}\n`,
      );
    },
    end: () => {
      const totals = { selected: outcomes.length, sent: 0, failed: 0, skipped: 0, unmarked: 0 };
      for (const [, outcome] of outcomes) if (outcome !== 'pending') totals[outcome]++;
      if (run.json) context.out.write(`${json(document(run, outcomes, totals), 2)}\n`);
      else context.out.write(`${footer(run, totals)}\n`);
      const refused = totals.failed + totals.skipped;
      if (refused > 0) {
        context.warn(
          `${refused} of ${totals.selected} reports were not accepted by ${run.destination} (still pending; run err resend again later)`,
        );
      }
    },
  };
}

type Totals = Record<'selected' | 'sent' | 'failed' | 'skipped' | 'unmarked', number>;

function footer(run: ResendRun, totals: Totals): string {
  const reports = `${totals.selected} report${totals.selected === 1 ? '' : 's'}`;
  if (totals.selected === 0) return `nothing to send to ${run.destination}`;
  if (run.dryRun) return `would send ${reports} to ${run.destination}`;
  const others = (['failed', 'skipped', 'unmarked'] as const)
    .filter(key => totals[key] > 0)
    .map(key => `${totals[key]} ${key}`);
  return `sent ${totals.sent} of ${reports} to ${run.destination}${others.length > 0 ? ` (${others.join(', ')})` : ''}`;
}

function document(
  run: ResendRun,
  outcomes: readonly [OutboxReport, ResendOutcome][],
  totals: Totals,
): Record<string, unknown> {
  return {
    $type: 'err-resend',
    $version: 1,
    directory: run.directory,
    destination: run.destination,
    dryRun: run.dryRun,
    reports: outcomes.map(([{ file, info }, outcome]) => ({
      fingerprint: info.fingerprint,
      service: info.name,
      exception: {
        type: info.exception.type,
        message: info.exception.message.slice(0, MESSAGE_CHARS),
      },
      count: info.count,
      firstSeen: info.firstSeen.toISOString(),
      lastSeen: info.lastSeen.toISOString(),
      file,
      status: outcome,
    })),
    totals,
    problems: run.problems,
  };
}
