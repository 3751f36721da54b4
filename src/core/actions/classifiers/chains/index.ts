import type { ToolFamily } from '../family.js';
import {
  classifyCast,
  classifyForge,
  classifyHardhat,
  classifySolana,
  classifySolanaKeygen,
} from './chains.js';

/** Smart contracts and the chains they live on: Foundry, Hardhat, Solana and Anchor. */
export const chains: ToolFamily = {
  id: 'chains',
  tools: () => ({
    forge: classifyForge,
    cast: classifyCast,
    hardhat: classifyHardhat,
    anchor: classifySolana,
    solana: classifySolana,
    'solana-keygen': classifySolanaKeygen,
  }),
};
