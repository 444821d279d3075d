import { ErrorInfoStore } from '../../store/ErrorInfoStore.ts';
import { inputLimits } from '../catalog/inputLimits.ts';
import type { CliContext } from '../CliContext.ts';
import { CliError } from '../CliError.ts';
import type { ResendArgs } from '../commands/resend.ts';
import { EXIT } from '../exitCodes.ts';
import { reportDirectory } from '../reportDirectory.ts';
import { reportProblems } from '../reportProblems.ts';
import { otlpEndpoint } from './otlpEndpoint.ts';
import { otlpSender } from './otlpSender.ts';
import { outboxReports, type OutboxReport } from './outboxReports.ts';
import { type ResendOutcome, resendRenderer } from './resendRenderer.ts';
import { sentrySender } from './sentrySender.ts';
import type { Sender } from './Sender.ts';

/** After this many refusals in a row the destination is taken as down: the rest wait for the next run. */
const MAX_FAILURES_IN_A_ROW = 3;

/** `err resend`: sends each report `--to` has not accepted, marking every acceptance in its file. */
export async function runResend(context: CliContext, args: ResendArgs): Promise<void> {
  if (!Number.isInteger(args.limit) || args.limit < 0) {
    throw new CliError(
      `--limit must be a whole number ≥ 0 (got ${String(args.limit)})`,
      EXIT.usage,
    );
  }
  // Checked before anything is read: a missing DSN or endpoint is a usage error. A dry run needs neither.
  const sender = args.dryRun === true ? null : senderFor(args);
  try {
    const dir = reportDirectory(args.path);
    const outbox = outboxReports(dir, args.to, args.all === true);
    reportProblems(context, dir, outbox.problems);
    if (outbox.problems.length > 0) context.fail(EXIT.partial);
    const selected = args.limit > 0 ? outbox.reports.slice(0, args.limit) : outbox.reports;
    const renderer = resendRenderer(context, {
      directory: dir,
      destination: args.to,
      dryRun: sender === null,
      json: args.json === true,
      problems: outbox.problems,
    });
    if (sender === null) for (const report of selected) renderer.report(report, 'pending');
    else {
      await sendAll(context, dir, args.to, sender, selected, (report, outcome) =>
        renderer.report(report, outcome),
      );
    }
    renderer.end();
  } finally {
    await sender?.close();
  }
}

async function sendAll(
  context: CliContext,
  dir: string,
  destination: string,
  sender: Sender,
  reports: readonly OutboxReport[],
  done: (report: OutboxReport, outcome: ResendOutcome) => void,
): Promise<void> {
  const stores = {
    plain: new ErrorInfoStore({ path: dir, compress: null, maxFileBytes: inputLimits.reportBytes }),
    gzip: new ErrorInfoStore({
      path: dir,
      compress: 'gzip',
      maxFileBytes: inputLimits.reportBytes,
    }),
  };
  let failuresInARow = 0;
  for (const report of reports) {
    if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
      done(report, 'skipped');
      context.fail(EXIT.partial);
      continue;
    }
    const accepted = await sender.send(report.info);
    failuresInARow = accepted ? 0 : failuresInARow + 1;
    if (!accepted) {
      done(report, 'failed');
      context.fail(EXIT.partial);
      continue;
    }
    const store = report.gzip ? stores.gzip : stores.plain;
    if (store.markDelivered(report.info.fingerprint!, destination)) {
      done(report, 'sent');
    } else {
      // Sent, but the mark could not be written: it will be sent again next time.
      done(report, 'unmarked');
      context.fail(EXIT.partial);
    }
  }
}

function senderFor(args: ResendArgs): Sender {
  return args.to === 'sentry'
    ? sentrySender(args.dsn)
    : otlpSender({ url: otlpEndpoint(args.endpoint) });
}
