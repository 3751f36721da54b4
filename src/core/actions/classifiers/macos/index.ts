import { each, type ToolFamily } from '../family.js';
import {
  classifyDefaults,
  classifyDiskutil,
  classifyLaunchctl,
  classifySecuritySwitch,
  classifySocketfilterfw,
  classifyTmutil,
} from './macos.js';

/** macOS administration: Time Machine, disks, launch daemons, the firewall and the system's safeguards. */
export const macos: ToolFamily = {
  id: 'macos',
  tools: () => ({
    tmutil: classifyTmutil,
    diskutil: classifyDiskutil,
    launchctl: classifyLaunchctl,
    socketfilterfw: classifySocketfilterfw,
    defaults: classifyDefaults,
    ...each(['csrutil', 'spctl', 'fdesetup'], classifySecuritySwitch),
  }),
  // what these tools' own readers do not know (`diskutil` verbs to come) still gets the generic reading; the
  // simulators `xcrun simctl` erases are this machine's (classifiers/local-machines)
  partial: ['diskutil', 'tmutil'],
};
