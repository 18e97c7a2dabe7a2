/**
 * Image Builder: components and recipes written and versioned. Serves the channels of
 * shared/contract/builder-authoring.ts. A component's document is checked here before AWS is
 * asked (the same check the page runs as the user types), so a mistake is refused with its line;
 * a version that already exists is refused with the next free one named.
 */
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { ChannelParsedInput } from '../../../shared/contract';
import { blockingProblems, problemLine, validateComponentDocument } from '../../../shared/component-document';
import { AppError, placeLabel } from '../../../shared/errors';
import {
  compareVersions,
  nextPatch,
  versionProblem,
  type ComponentCreated,
  type ComponentDocument,
  type ComponentFamily,
  type RecipeCloned,
  type RecipeFamily,
} from '../../../shared/imagebuilder-authoring';
import type { AuditAction } from '../../../shared/sharing';
import { accountError, placeError, type CoreContext } from '../context';
import { requireConfirmations } from '../production-guard';
import { auditPlace, withAuditNote } from '../sharing/audit-log';
import type { AuditBook } from '../sharing/audit-book';
import type { Wrap } from '../sharing/image-facts';
import {
  componentDocument,
  componentFamilies,
  createComponent,
  createRecipeVersion,
  getRecipe,
  listOwnComponentVersions,
  recipeFamilies,
  recipeVersionsOf,
} from './authoring-aws';

export interface AuthoringServiceDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard), their names, and the path that acts (for the audit log). */
  accounts: Pick<CoreContext, 'workspace' | 'require' | 'actingPath'>;
  /** Every change is written to the audit log, as everywhere. */
  audit: AuditBook;
}

type Where = { account: string; region: string };

/** The audit log's words for what authoring makes. */
type AuthoringAuditAction = Extract<AuditAction, 'component-create' | 'recipe-version'>;

export class AuthoringService {
  constructor(protected readonly deps: AuthoringServiceDeps) {}

  componentVersions({ account, region }: Where): Promise<ComponentFamily[]> {
    return this.reading(account, region, 'imagebuilder:ListComponents', (client, wrap) => componentFamilies(client, wrap));
  }

  componentDocument({ account, region, arn }: ChannelParsedInput<'builder:componentDocument'>): Promise<ComponentDocument> {
    return this.reading(account, region, 'imagebuilder:GetComponent', (client, wrap) => componentDocument(client, arn, wrap));
  }

  recipeVersions({ account, region }: Where): Promise<RecipeFamily[]> {
    return this.reading(account, region, 'imagebuilder:ListImageRecipes', (client, wrap) => recipeFamilies(client, wrap));
  }

  async componentCreate({ confirmations, ...input }: ChannelParsedInput<'builder:componentCreate'>): Promise<ComponentCreated> {
    const { aws, accounts } = this.deps;
    const { account, region } = input;
    const place = this.placeName(account, region);
    const problems = blockingProblems(validateComponentDocument(input.data));
    if (problems.length > 0) {
      const first = problems[0]!;
      throw new AppError({
        code: 'VALIDATION',
        message: `The document of ${input.name} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}, so it was not sent to ${place}. ${problemLine(first)}`,
        retryable: false,
        details: { issues: problems.map(problemLine) },
      });
    }
    const badVersion = versionProblem(input.version);
    if (badVersion) throw new AppError({ code: 'VALIDATION', message: badVersion, retryable: false, details: { issues: [`version: ${badVersion}`] } });
    requireConfirmations(accounts, [account], confirmations, 'creating a component in it');

    const existing = await this.reading(account, region, 'imagebuilder:ListComponents', (client, wrap) => listOwnComponentVersions(client, wrap, input.name));
    const versions = existing.map((v) => v.version ?? '').filter(Boolean);
    if (versions.includes(input.version)) {
      throw new AppError({
        code: 'CONFLICT',
        message: `${input.name} ${input.version} already exists in ${place}: a version cannot be changed once made. Create ${nextPatch(versions)} instead.`,
        retryable: false,
        details: { account, region, issues: [`version: ${input.version} already exists`] },
      });
    }

    const acting = accounts.actingPath(account);
    const entry = this.auditEntry('component-create', account, region, acting);
    const what = `${input.name} ${input.version}`;
    try {
      const arn = await aws.write(account, region, 'imagebuilder:CreateComponent', (path) =>
        createComponent(aws.pool.imagebuilder(path, region), input, (error, action) => placeError(error, path, region, action)),
      );
      const newer = versions.filter((v) => compareVersions(v, input.version) > 0);
      const detail = `component ${what} (${input.platform})${newer.length > 0 ? `, below the newest version ${newer.sort(compareVersions).pop()}` : ''}`;
      const logged = entry.log.record({ ...entry.place, imageId: arn, imageName: what, snapshotIds: [], outcome: 'ok', error: null, detail });
      return { arn, name: input.name, version: input.version, auditId: logged.id, message: withAuditNote(`Created ${what} in ${place}.`, logged) };
    } catch (error) {
      const appError = error instanceof AppError ? error : accountError(error, accounts.require(account).account, region, 'imagebuilder:CreateComponent');
      entry.log.record({ ...entry.place, imageId: '', imageName: what, snapshotIds: [], outcome: 'failed', error: appError.message, detail: null });
      throw appError;
    }
  }

  async recipeClone({ confirmations, account, region, sourceArn, ...changes }: ChannelParsedInput<'builder:recipeClone'>): Promise<RecipeCloned> {
    const { aws, accounts } = this.deps;
    const place = this.placeName(account, region);
    const badVersion = versionProblem(changes.version);
    if (badVersion) throw new AppError({ code: 'VALIDATION', message: badVersion, retryable: false, details: { issues: [`version: ${badVersion}`] } });
    requireConfirmations(accounts, [account], confirmations, 'creating a recipe version in it');

    const { source, versions } = await this.reading(account, region, 'imagebuilder:GetImageRecipe', async (client, wrap) => {
      const recipe = await getRecipe(client, sourceArn, wrap);
      return { source: recipe, versions: await recipeVersionsOf(client, recipe.name ?? '', wrap) };
    });
    const name = source.name ?? '';
    if (versions.includes(changes.version)) {
      throw new AppError({
        code: 'CONFLICT',
        message: `Recipe ${name} ${changes.version} already exists in ${place}: a recipe version cannot be changed once made. Create ${nextPatch(versions)} instead.`,
        retryable: false,
        details: { account, region, issues: [`version: ${changes.version} already exists`] },
      });
    }

    const acting = accounts.actingPath(account);
    const entry = this.auditEntry('recipe-version', account, region, acting);
    const what = `${name} ${changes.version}`;
    try {
      const arn = await aws.write(account, region, 'imagebuilder:CreateImageRecipe', (path) =>
        createRecipeVersion(aws.pool.imagebuilder(path, region), source, changes, (error, action) => placeError(error, path, region, action)),
      );
      const changed = [
        changes.parentImage && changes.parentImage !== source.parentImage ? `parent image ${changes.parentImage}` : null,
        changes.components ? `${changes.components.length} component${changes.components.length === 1 ? '' : 's'}` : null,
      ].filter(Boolean);
      const detail = `recipe ${what} from ${source.version ?? 'an earlier version'}${changed.length > 0 ? `, with ${changed.join(' and ')}` : ''}`;
      const logged = entry.log.record({ ...entry.place, imageId: arn, imageName: what, snapshotIds: [], outcome: 'ok', error: null, detail });
      return { arn, name, version: changes.version, auditId: logged.id, message: withAuditNote(`Created recipe ${what} in ${place}.`, logged) };
    } catch (error) {
      const appError = error instanceof AppError ? error : accountError(error, accounts.require(account).account, region, 'imagebuilder:CreateImageRecipe');
      entry.log.record({ ...entry.place, imageId: '', imageName: what, snapshotIds: [], outcome: 'failed', error: appError.message, detail: null });
      throw appError;
    }
  }

  /** "acme-staging (123456789012) · US East (N. Virginia) us-east-1": where, as errors name it too. */
  private placeName(account: string, region: string): string {
    const record = this.deps.accounts.require(account).account;
    return placeLabel(record.name, record.awsAccountId, region);
  }

  private auditEntry(action: AuthoringAuditAction, account: string, region: string, acting: ReturnType<AuthoringServiceDeps['accounts']['actingPath']>) {
    const located = this.deps.accounts.require(account);
    return { log: this.deps.audit.logFor(located.source), place: auditPlace(action, account, located.account, acting, region) };
  }

  private reading<T>(account: string, region: string, action: string, work: (client: ImagebuilderClient, wrap: Wrap) => Promise<T>): Promise<T> {
    const { aws } = this.deps;
    return aws.read(account, region, action, (path) => work(aws.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)));
  }
}

