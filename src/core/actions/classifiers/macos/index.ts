import { each, type ToolFamily } from '../family.js';
import {
  classifyDefaults,
  classifyDiskutil,
  classifyLaunchctl,
  classifySecuritySwitch,
  classifySocketfilterfw,
  classifyTmutil,
  classifyXcrun,
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
    xcrun: classifyXcrun,
  }),
  // what these tools' own readers do not know (`diskutil` verbs to come, `xcrun` tools) still gets the generic reading
  partial: ['diskutil', 'xcrun', 'tmutil'],
};
