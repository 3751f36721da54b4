import type { EnvironmentHints, SimpleCommand } from '../types.js';
import { optionValue } from './args.js';

// Where a cloud command acts, read from its own words: an AWS tool's `--profile`, gcloud's `--project`, az's
// `--subscription`, or the variable the SDK reads, set on the line. Every operation built from the command
// carries it (operation.ts), so an operation a cross-cutting reader builds (a safeguard switched off, a
// secret printed) is judged where the command acts, not as a place nobody named.

/** Tools whose `--profile` is an AWS profile (the CLI and the deploy tools built on it). */
export const AWS_TOOLS: ReadonlySet<string> = new Set([
  'aws',
  'sam',
  'cdk',
  'cdklocal',
  'copilot',
  'eb',
  'serverless',
  'sls',
  'chalice',
  'amplify',
  'eksctl',
  'zappa',
  'sst',
  'cfn',
  'rain',
  'aws-vault',
  'granted',
]);
/** Tools whose `--project` is a Google Cloud project (Firebase projects are Google Cloud projects). */
const GCP_TOOLS: ReadonlySet<string> = new Set(['gcloud', 'firebase', 'gsutil', 'bq']);

/**
 * The cloud place the command's own words name: its options, and the SDK variables it sets on the line (the
 * inherited ones are the surroundings', read by the callers that have them). Empty when it names none.
 */
export function commandPlace(command: SimpleCommand): EnvironmentHints {
  const { args, env } = command;
  const hints: EnvironmentHints = {};
  // `--profile` names an AWS profile only for AWS's own tools; elsewhere it is a build, certificate or browser
  // profile (`step … --profile self-signed`, `cargo --profile release`)
  const profile =
    (AWS_TOOLS.has(command.name) ? optionValue(args, ['--profile']) : undefined) ?? env.AWS_PROFILE;
  if (profile !== undefined) hints.awsProfile = profile;
  const project =
    (GCP_TOOLS.has(command.name) ? optionValue(args, ['--project']) : undefined) ?? env.CLOUDSDK_CORE_PROJECT;
  if (project !== undefined) hints.gcpProject = project;
  const subscription =
    (command.name === 'az' ? optionValue(args, ['--subscription']) : undefined) ?? env.AZURE_SUBSCRIPTION_ID;
  if (subscription !== undefined) hints.azureSubscription = subscription;
  return hints;
}

/** Hint keys that name a system of the operation's own (a host, a file here, a cluster, a database). */
const OWN_PLACE: readonly (keyof EnvironmentHints)[] = [
  'kubeContext',
  'kubeCluster',
  'host',
  'database',
  'path',
  'local',
  'localTarget',
  'ownedName',
];

/**
 * The operation's hints with the cloud place its command names filled in where they say nothing of it — unless
 * the operation is about a system of its own (a file here, a host, a cluster): an `aws s3 cp … ~/.bashrc
 * --profile dev` overwrites a file on this machine, not something in the dev account.
 */
export function withCommandPlace(hints: EnvironmentHints, command: SimpleCommand): EnvironmentHints {
  if (OWN_PLACE.some((key) => hints[key] !== undefined)) return hints;
  const place = commandPlace(command);
  let filled: EnvironmentHints | undefined;
  for (const [key, value] of Object.entries(place) as [keyof EnvironmentHints, string][]) {
    if (hints[key] !== undefined) continue;
    filled ??= { ...hints };
    Object.assign(filled, { [key]: value });
  }
  return filled ?? hints;
}
