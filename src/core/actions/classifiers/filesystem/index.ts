import { each, type ToolFamily } from '../family.js';
import {
  classifyCopyInto,
  classifyDd,
  classifyDeviceFormat,
  classifyFind,
  classifyMove,
  classifyPermission,
  classifyRemove,
  classifyRsync,
  classifyShred,
  classifyTruncate,
} from './filesystem.js';

/** Files, devices and permissions on the local machine. */
export const filesystem: ToolFamily = {
  id: 'filesystem',
  tools: () => ({
    ...each(['rm', 'unlink', 'rimraf', 'srm', 'trash', 'del'], classifyRemove),
    ...each(['shred', 'wipe'], classifyShred),
    dd: classifyDd,
    ...each(
      [
        'mkfs',
        'mkfs.ext4',
        'mkfs.ext3',
        'mkfs.ext2',
        'mkfs.xfs',
        'mkfs.btrfs',
        'mkfs.vfat',
        'mkfs.fat',
        'mkfs.ntfs',
        'mke2fs',
        'mkswap',
        'wipefs',
        'fdisk',
        'sfdisk',
        'parted',
        'sgdisk',
        'blkdiscard',
        'cryptsetup',
      ],
      classifyDeviceFormat,
    ),
    truncate: classifyTruncate,
    rsync: classifyRsync,
    ...each(['chmod', 'chown', 'chgrp', 'setfacl'], classifyPermission),
    find: classifyFind,
    mv: classifyMove,
    ...each(['cp', 'tee', 'install'], classifyCopyInto),
  }),
};
