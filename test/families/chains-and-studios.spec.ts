import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Smart contracts decided by the network they land on (a local node or a test network is dev; a main network
// is production; a network the line does not name is not known), wallets read as secrets, and tools whose
// destructive forms are flags: Perforce spec deletes and obliterate -y, butler pushes to a release channel, Slurm
// cancelling a whole user's or partition's jobs; game engines' caches are disposable.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('chains and studios', () => {
  it.each([
    [
      'forge script script/Seed.s.sol --rpc-url http://localhost:8545 --broadcast',
      'forge script script/Seed.s.sol --rpc-url mainnet --broadcast',
    ],
    [
      'forge create src/Vault.sol:Vault --rpc-url holesky --broadcast',
      'forge create src/Vault.sol:Vault --rpc-url https://rpc.example.org --broadcast',
    ],
    [
      'cast call 0xAbC "totalSupply()" --rpc-url mainnet',
      'cast send 0xAbC "renounceOwnership()" --rpc-url mainnet',
    ],
    [
      'npx hardhat run scripts/seed.ts --network hardhat',
      'npx hardhat run scripts/seed.ts --network ethereum',
    ],
    ['solana program deploy dist/p.so --url devnet', 'solana program close 4Nd1 --url mainnet-beta'],
    [
      'anchor deploy --provider.cluster localnet',
      'anchor upgrade dist/p.so --program-id 4Nd1 --provider.cluster mainnet',
    ],
    [
      'solana-keygen new -o /tmp/test-wallet.json --no-bip39-passphrase',
      'solana-keygen new --force -o ~/.config/solana/id.json',
    ],
    ['cast wallet list', 'cast wallet decrypt-keystore ops'],
    ['ls ~/.foundry/keystores', 'cat ~/.foundry/keystores/ops'],
    ['p4 changes -m 5', 'p4 label -d -f Release-2'],
    ['p4 obliterate //depot/Scratch/...', 'p4 obliterate -y //depot/Scratch/...'],
    ['butler push out/linux acme/game:linux-beta', 'butler push out/linux acme/game:linux-stable'],
    ['scancel 4242', 'scancel --partition=gpu'],
    ['rm -rf Intermediate DerivedDataCache', 'rm -rf Content Source'],
  ])('%s is allowed; %s is held', (everyday, destructive) => {
    gate.allowedAndHeld(everyday, destructive);
  });
});
