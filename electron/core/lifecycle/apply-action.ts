/**
 * One lifecycle action on one image, as EC2 calls it. Returns what the audit log should say,
 * or null when the image was already as asked (nothing sent).
 */
import {
  DeregisterImageCommand,
  DisableImageCommand,
  DisableImageDeprecationCommand,
  DisableImageDeregistrationProtectionCommand,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { ImageUsage, LifecycleAction } from '../../../shared/lifecycle';
import type { Wrap } from '../sharing/image-facts';

export interface ActionDone {
  /** One line for the results list and the audit entry. */
  detail: string;
  changed: boolean;
}

export async function applyAction(ec2: EC2Client, usage: ImageUsage, action: LifecycleAction, wrap: Wrap): Promise<ActionDone> {
  const ImageId = usage.ref.imageId;
  const send = async (name: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      throw wrap(error, `ec2:${name}`);
    }
  };
  switch (action.kind) {
    case 'deregister': {
      await send('DeregisterImage', () => ec2.send(new DeregisterImageCommand({ ImageId, DeleteAssociatedSnapshots: action.deleteSnapshots })));
      const n = usage.snapshotIds.length;
      return { changed: true, detail: action.deleteSnapshots && n > 0 ? `Deregistered, with its ${n} snapshot${n === 1 ? '' : 's'} (${usage.snapshotIds.join(', ')}).` : 'Deregistered; its snapshots were kept.' };
    }
    case 'deprecate':
      await send('EnableImageDeprecation', () => ec2.send(new EnableImageDeprecationCommand({ ImageId, DeprecateAt: new Date(action.at) })));
      return { changed: true, detail: `Deprecated from ${action.at}.` };
    case 'undeprecate':
      if (!usage.deprecationTime) return { changed: false, detail: 'It had no deprecation time; nothing changed.' };
      await send('DisableImageDeprecation', () => ec2.send(new DisableImageDeprecationCommand({ ImageId })));
      return { changed: true, detail: 'Deprecation cancelled.' };
    case 'disable':
      if (usage.state === 'disabled') return { changed: false, detail: 'It was already disabled; nothing changed.' };
      await send('DisableImage', () => ec2.send(new DisableImageCommand({ ImageId })));
      return { changed: true, detail: usage.sharedWith.length > 0 ? `Disabled; its ${usage.sharedWith.length} share${usage.sharedWith.length === 1 ? '' : 's'} were removed.` : 'Disabled.' };
    case 'enable':
      if (usage.state !== 'disabled') return { changed: false, detail: 'It was not disabled; nothing changed.' };
      await send('EnableImage', () => ec2.send(new EnableImageCommand({ ImageId })));
      return { changed: true, detail: 'Enabled again (shares removed when it was disabled are not restored).' };
    case 'protect':
      if (usage.deregistrationProtection?.startsWith('enabled')) return { changed: false, detail: 'Deregistration protection was already on; nothing changed.' };
      await send('EnableImageDeregistrationProtection', () => ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId, WithCooldown: action.cooldown })));
      return { changed: true, detail: action.cooldown ? 'Deregistration protection on, with the 24-hour cooldown.' : 'Deregistration protection on.' };
    case 'unprotect':
      if (!usage.deregistrationProtection?.startsWith('enabled')) return { changed: false, detail: 'Deregistration protection was already off; nothing changed.' };
      await send('DisableImageDeregistrationProtection', () => ec2.send(new DisableImageDeregistrationProtectionCommand({ ImageId })));
      return { changed: true, detail: 'Deregistration protection off.' };
  }
}
