import { isLoopback } from '../../environment.js';
import type { CommandClassifier } from '../../types.js';
import { hasFlag, optionValue, serverOption, urlHost } from '../args.js';
import { operation } from '../operation.js';
import { destroyingField } from '../requests/bodies.js';

// Devices: firmware flashers and the message brokers that command a fleet. Writing or erasing a flash chip
// replaces the firmware a machine boots (the machine's own, with `flashrom -p internal`); a message published
// to a fleet's broker reaches every device subscribed to it and cannot be recalled, and a retained message is the
// state each device reads when it joins. Reading a chip, or talking to a broker on this machine, is everyday.

/** flashrom -w/--write, -E/--erase: the chip behind the programmer is overwritten. */
export const classifyFlashrom: CommandClassifier = (command) => {
  const args = command.args;
  const writes = optionValue(args, ['-w', '--write']);
  const erases = hasFlag(args, ['--erase'], 'E');
  if (writes === undefined && !erases) return [];
  const programmer = optionValue(args, ['-p', '--programmer']) ?? 'the default programmer';
  // `-p internal` is this machine's own boot firmware: a bad image leaves it unable to start
  const own = /^internal\b/.test(programmer);
  const chip = own ? "this machine's own boot firmware" : `the flash chip on programmer ${programmer}`;
  return [
    operation(command, {
      kind: erases ? 'delete' : 'replace',
      category: 'system',
      destructive: true,
      reversible: !own,
      target: chip,
      summary: `flashrom ${erases ? 'erases' : `writes ${writes ?? ''} over`} ${chip}`,
      hints: { local: true },
    }),
  ];
};

/** MQTT clients that publish: the tool and the subcommand it needs (none for mosquitto_pub). */
const PUBLISHERS: Record<string, readonly string[]> = {
  mosquitto_pub: [],
  mqttx: ['pub', 'publish'],
  mqtt: ['pub', 'publish'],
};
/** Words in a message that command a device to destroy its state. */
const DESTROYING_MESSAGE = /factory[-_ ]?reset|\b(?:wipe|erase|format|delete|destroy|purge)\b/i;

/** mosquitto_pub / mqttx pub / mqtt pub to a broker that is not on this machine. */
export const classifyMqttPublish: CommandClassifier = (command) => {
  const sub = PUBLISHERS[command.name];
  if (sub === undefined) return [];
  const args = command.args;
  if (sub.length > 0 && !sub.includes(args.find((a) => !a.startsWith('-')) ?? '')) return [];
  const url = optionValue(args, ['-L', '--url']);
  const host = (url !== undefined ? urlHost(url) : undefined) ?? serverOption(args, ['-h', '--host']);
  // no broker named: the client's default, localhost
  if (host === undefined || isLoopback(host)) return [];
  const topic =
    optionValue(args, ['-t', '--topic']) ?? (url !== undefined ? url.replace(/^.*?\/\/[^/]*\//, '') : '');
  const message = optionValue(args, ['-m', '--message']);
  const retained = hasFlag(args, ['--retain'], 'r');
  const cleared = hasFlag(args, ['--null-message'], 'n') || message === '';
  const where = `topic ${topic || '(unknown)'} on ${host}`;
  const destroys =
    message !== undefined ? (destroyingField(message) ?? DESTROYING_MESSAGE.exec(message)?.[0]) : undefined;
  const draft =
    retained && cleared
      ? {
          kind: 'delete' as const,
          destructive: true,
          reversible: false,
          summary: `${command.name} clears the retained message of ${where}: the state devices read when they join is gone`,
        }
      : destroys !== undefined
        ? {
            kind: 'delete' as const,
            destructive: true,
            reversible: false,
            summary: `${command.name} sends ${destroys} to the devices on ${where}`,
          }
        : {
            kind: 'deploy' as const,
            destructive: false,
            reversible: true,
            summary: `${command.name} publishes ${retained ? 'a retained message ' : ''}to the devices on ${where}, which cannot be recalled`,
          };
  return [operation(command, { ...draft, category: 'platform', target: where, hints: { host } })];
};
