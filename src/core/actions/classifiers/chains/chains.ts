import type { CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue } from '../args.js';
import { operation } from '../operation.js';

// Smart contracts and the chains they live on. A transaction or a deploy is final on a public chain: a contract
// created, upgraded, paused, emptied or handed to an address nobody controls cannot be taken back. Where it lands
// is the network the command names (`--rpc-url`, `--network`, `--url`, `--provider.cluster`): a local node
// (anvil, hardhat, solana-test-validator) or a test network is dev; a main network is production; a network the
// line does not name, or an RPC URL that names neither, is not known (held).

/** Names and RPC URLs of main networks. */
const MAIN =
  /\b(mainnet(-beta)?|eth-mainnet|homestead|ethereum|polygon-mainnet|arbitrum-one|optimism-mainnet|base-mainnet|bsc|avalanche)\b/i;
/** Local nodes and test networks. */
const TEST =
  /^(?:localhost|hardhat|anvil|ganache|local|localnet|devnet|testnet|sepolia|holesky|hoodi|goerli|amoy|mumbai|fuji)\b|(?:^|\/\/)(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?|\b(sepolia|holesky|goerli|devnet|testnet)\b/i;

/** Where a chain command acts: 'main', 'test', or undefined when the line does not tell. */
function networkOf(command: SimpleCommand): { where: 'main' | 'test' | undefined; named: string } {
  const named =
    optionValue(command.args, [
      '--rpc-url',
      '-r',
      '--fork-url',
      '--network',
      '--url',
      '-u',
      '--provider.cluster',
      '--cluster',
    ]) ??
    command.env.ETH_RPC_URL ??
    command.env.HARDHAT_NETWORK ??
    '';
  if (named === '') return { where: undefined, named: 'a network the line does not name' };
  if (TEST.test(named)) return { where: 'test', named };
  if (MAIN.test(named)) return { where: 'main', named };
  // `$MAINNET_RPC_URL`: a variable's name says what it holds
  if (/^\$\{?\w*MAIN\w*\}?$/i.test(named)) return { where: 'main', named };
  return { where: undefined, named };
}

function chainOp(
  command: SimpleCommand,
  what: string,
  where: ReturnType<typeof networkOf>,
  irreversible: boolean,
): Operation[] {
  if (where.where === 'test') return [];
  return [
    operation(command, {
      kind: where.where === 'main' && !irreversible ? 'deploy' : 'delete',
      category: 'infrastructure',
      destructive: true,
      reversible: !irreversible,
      target: where.named,
      summary: `${command.name} ${what} on ${where.named}${where.where === 'main' ? ' (a main network: final once mined)' : ''}`,
      hints:
        where.where === 'main'
          ? { environment: 'production', namedTarget: where.named }
          : { namedTarget: where.named },
    }),
  ];
}

/** Contract calls that end, pause or give away a contract. */
const FINAL_CALLS =
  /^(destroy|selfdestruct|kill|renounceOwnership|transferOwnership|pause|upgradeTo|upgradeToAndCall|withdraw\w*|burn\w*)\b/;

/** forge: `script --broadcast` and `create` send transactions; everything else builds, tests or simulates. */
export const classifyForge: CommandClassifier = (command) => {
  const sub = command.args.find((a) => !a.startsWith('-'));
  if (sub === 'script' && command.args.includes('--broadcast'))
    return chainOp(command, 'script broadcasts its transactions', networkOf(command), false);
  if (sub === 'create' && !command.args.includes('--dry-run'))
    return chainOp(command, 'create deploys a contract', networkOf(command), false);
  return [];
};

/** cast: `send` (and `publish`) send a transaction; a call that ends or gives away a contract is final. */
export const classifyCast: CommandClassifier = (command) => {
  const [sub, , signature = ''] = command.args.filter((a) => !a.startsWith('-'));
  // `cast wallet decrypt-keystore` prints a private key: the secrets family reads it (secrets/values.ts)
  if (sub !== 'send' && sub !== 'publish' && sub !== 'mktx') return [];
  const final = FINAL_CALLS.test(signature.replace(/^["']/, ''));
  return chainOp(command, `send ${signature || 'a transaction'}`, networkOf(command), final);
};

/** hardhat: `run SCRIPT --network X`, `ignition deploy … --network X`, `deploy` plugins. */
export const classifyHardhat: CommandClassifier = (command) => {
  const sub = command.args.find((a) => !a.startsWith('-'));
  if (sub === undefined || !/^(run|deploy|ignition|upgrade)$/.test(sub)) return [];
  // without --network, hardhat runs against its own in-process network
  if (optionValue(command.args, ['--network']) === undefined && command.env.HARDHAT_NETWORK === undefined)
    return [];
  return chainOp(command, `${sub} sends transactions`, networkOf(command), false);
};

/** anchor and solana: program deploys, upgrades and closes on a cluster. */
export const classifySolana: CommandClassifier = (command) => {
  const words = command.args.filter((a) => !a.startsWith('-'));
  const [sub, verb] = words;
  const where = networkOf(command);
  if (command.name === 'anchor') {
    if (sub !== 'deploy' && sub !== 'upgrade') return [];
    return chainOp(command, `${sub} a program`, where, false);
  }
  if (
    sub === 'program' &&
    verb !== undefined &&
    /^(deploy|close|set-upgrade-authority|extend|write-buffer)$/.test(verb)
  )
    return chainOp(
      command,
      `program ${verb}`,
      where,
      verb === 'close' || (verb === 'set-upgrade-authority' && hasFlag(command.args, ['--final'])),
    );
  if (sub === 'transfer' || sub === 'close-vote-account' || sub === 'withdraw-stake')
    return chainOp(command, sub, where, false);
  return [];
};

/** solana-keygen: `new --force` over an existing keypair file loses the key it held. */
export const classifySolanaKeygen: CommandClassifier = (command) => {
  if (command.args[0] !== 'new' && command.args[0] !== 'recover') return [];
  if (!hasFlag(command.args, ['--force'], 'f')) return [];
  const out = optionValue(command.args, ['-o', '--outfile']) ?? '~/.config/solana/id.json';
  return [
    operation(command, {
      kind: 'delete',
      category: 'secret',
      destructive: true,
      reversible: false,
      target: out,
      summary: `solana-keygen ${command.args[0]} --force overwrites the keypair ${out} (its funds are lost without a backup)`,
      hints: { local: true, path: out },
    }),
  ];
};
