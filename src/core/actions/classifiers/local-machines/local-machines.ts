import { isLoopback } from '../../environment.js';
import { VAGRANT_LOCAL } from '../../remote-runs.js';
import type { ActionSurroundings, CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import { optionValue, urlHost } from '../args.js';
import { classifyGeneric } from '../generic/intent.js';
import { markedLocal, namesSharedPlace } from '../local-target.js';
import { envVar } from '../operation.js';

// Tools that run a machine of their own on this one: Vagrant's VMs, Xcode's simulators, Android's emulators,
// LocalStack's emulated cloud. What they destroy there — a VM, a simulator's content, an emulated bucket — is
// the local dev stack, rebuilt with the tool's own `up`. Destructive intent is read as for any CLI; it is marked
// local only when nothing on the line names production and the tool's own settings keep it on this machine.

/** Why the tool's machine is this machine's, in plain words; undefined when its settings point elsewhere. */
type LocalCheck = (command: SimpleCommand, surroundings: ActionSurroundings) => string | undefined;

/** A Vagrant VM, unless the provider picked is a cloud (`VAGRANT_DEFAULT_PROVIDER=aws`, `--provider aws`). */
const vagrant: LocalCheck = (command, surroundings) => {
  const provider =
    optionValue(command.args, ['--provider']) ??
    envVar(command, surroundings, VAGRANT_LOCAL.provider.variable);
  return provider === undefined || VAGRANT_LOCAL.provider.local.test(provider)
    ? VAGRANT_LOCAL.what
    : undefined;
};

/** `xcrun simctl …`: the iOS simulators of this Mac (only `simctl` is read; other xcrun tools are not marked). */
const xcrun: LocalCheck = (command) =>
  command.args.find((a) => !a.startsWith('-')) === 'simctl'
    ? "Xcode's simulators on this machine"
    : undefined;

/** `avdmanager delete avd`: an Android emulator's virtual device on this machine. */
const avdmanager: LocalCheck = () => 'an Android virtual device on this machine';

/** Variables that move LocalStack's wrappers off this machine. */
const LOCALSTACK_ENDPOINTS = [
  'AWS_ENDPOINT_URL',
  'LOCALSTACK_HOST',
  'LOCALSTACK_HOSTNAME',
  'LOCALSTACK_ENDPOINT',
];

/**
 * `tflocal`, `awslocal`, `cdklocal`, `samlocal`, `pulumilocal`: the AWS tools pointed at LocalStack, which listens
 * on this machine unless a variable names another host for it.
 */
export const localStack: LocalCheck = (command, surroundings) => {
  for (const name of LOCALSTACK_ENDPOINTS) {
    const value = envVar(command, surroundings, name);
    if (value === undefined) continue;
    const host = urlHost(value) ?? value.replace(/:\d+$/, '');
    if (!isLoopback(host) && host !== 'localhost.localstack.cloud') return undefined;
  }
  return `LocalStack on this machine (${command.name})`;
};

/** The LocalStack wrappers of the AWS tools. */
export const LOCALSTACK_TOOLS: ReadonlySet<string> = new Set([
  'tflocal',
  'awslocal',
  'cdklocal',
  'samlocal',
  'pulumilocal',
]);

function localMachine(check: LocalCheck): CommandClassifier {
  return (command, surroundings) => {
    const ops = classifyGeneric(command, command.args, surroundings);
    if (ops.length === 0 || command.remote !== undefined || namesSharedPlace(command)) return ops;
    const local = check(command, surroundings);
    if (local === undefined) return ops;
    return ops.map((op): Operation => ({ ...op, hints: markedLocal({ ...op.hints, local: true }, local) }));
  };
}

/** The classifiers of the tools that run their own machine here, by command name. */
export function localMachineClassifiers(): Record<string, CommandClassifier> {
  return {
    vagrant: localMachine(vagrant),
    xcrun: localMachine(xcrun),
    avdmanager: localMachine(avdmanager),
    ...Object.fromEntries([...LOCALSTACK_TOOLS].map((name) => [name, localMachine(localStack)])),
  };
}
