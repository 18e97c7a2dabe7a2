/** The KMS service: an account's keys in a region, to choose the one copies are encrypted with. Serves `kms:*` (see serve.ts). */
import { DescribeKeyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { KmsKeyChoice } from '../../../shared/lifecycle';
import type { CoreContext } from '../context';

export interface KmsDeps {
  /** AWS through the account's paths (any healthy one: listing keys changes nothing). */
  aws: Pick<CoreContext, 'read' | 'pool'>;
}

export class KmsService {
  constructor(private readonly deps: KmsDeps) {}

  /** KMS keys of an account and region, by alias: customer managed keys first (they can be shared). */
  async keys({ account, region }: ChannelParsedInput<'kms:keys'>): Promise<KmsKeyChoice[]> {
    const { aws } = this.deps;
    return aws.read(account, region, 'kms:ListAliases', async (path) => {
      const kms = aws.pool.kms(path, region);
      const aliases: KmsKeyChoice[] = [];
      let marker: string | undefined;
      do {
        const page = await kms.send(new ListAliasesCommand({ ...(marker ? { Marker: marker } : {}) }));
        for (const alias of page.Aliases ?? []) {
          if (!alias.AliasName || !alias.TargetKeyId) continue;
          const meta = (await kms.send(new DescribeKeyCommand({ KeyId: alias.AliasName }))).KeyMetadata;
          if (!meta?.Arn || meta.KeyState !== 'Enabled') continue;
          aliases.push({ alias: alias.AliasName, arn: meta.Arn, keyManager: meta.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER' });
        }
        marker = page.Truncated ? page.NextMarker : undefined;
      } while (marker);
      return aliases.sort((a, b) => (a.keyManager === b.keyManager ? a.alias.localeCompare(b.alias) : a.keyManager === 'CUSTOMER' ? -1 : 1));
    });
  }
}
