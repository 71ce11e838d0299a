/**
 * The plan step of one CloudWatch alarm: created when absent, updated when its definition or tags differ, left
 * alone when they match, deleted when no longer asked for; and each undone by putting back what was there.
 * `PutMetricAlarm` creates or overwrites, so applying a step twice (the engine's retry) converges on the same alarm.
 */
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AwsTag } from '../aws/tags.js';
import type { PlanStep } from '../deploy/plan.js';
import { ConflictError } from '../errors.js';
import { changedFields, definitionOf, tagChanges } from './alarm-diff.js';
import type { AlarmDefinition } from './alarm-specs.js';
import type { CloudWatchApi } from './cloudwatch-api.js';

/** An alarm that exists, with its tags. */
export interface ExistingAlarm {
  readonly alarm: MetricAlarm;
  readonly tags: Readonly<Record<string, string>>;
}

/** What an alarm step gives later steps. */
export interface AlarmOutput {
  readonly alarmName: string;
  /** Known when the alarm existed at plan time. */
  readonly alarmArn?: string;
}

const KIND = 'CloudWatch alarm';

/** Reads an alarm and its tags; `undefined` when there is no alarm of that name. */
export async function findAlarm(api: CloudWatchApi, name: string): Promise<ExistingAlarm | undefined> {
  const alarm = await api.describeAlarm(name);
  return alarm === undefined ? undefined : withTags(api, alarm);
}

/** An alarm CloudWatch listed, with its tags (none when it vanished meanwhile). */
export async function withTags(api: CloudWatchApi, alarm: MetricAlarm): Promise<ExistingAlarm> {
  return { alarm, tags: (await api.tagsOf(alarm.AlarmArn ?? '')) ?? {} };
}

/**
 * Throws when an alarm of the wanted name exists but is not modelship's to change.
 * @param owned - whether its tags say it is ours.
 */
export function checkOwned(existing: ExistingAlarm | undefined, owned: boolean, whose: string): void {
  if (existing === undefined || owned) return;
  const name = existing.alarm.AlarmName ?? '';
  throw new ConflictError(
    `CloudWatch alarm ${name} exists but was not made by ${whose} (its modelship tags say otherwise), so modelship ` +
      'leaves it alone. Delete or rename it, or leave out the option that asks for it.',
  );
}

/** How to plan one wanted alarm. */
export interface AlarmStepSpec {
  readonly id: string;
  readonly definition: AlarmDefinition;
  readonly tags: readonly AwsTag[];
  readonly existing: ExistingAlarm | undefined;
  readonly dependsOn?: readonly string[];
  /** What the alarm is for, for the plan: `p99 latency above 250 ms`. */
  readonly what: string;
}

/** The step that makes the alarm as `spec.definition` says (create, update or none). */
export function alarmStep(api: CloudWatchApi, spec: AlarmStepSpec): PlanStep {
  const { definition, existing, tags } = spec;
  const name = definition.AlarmName;
  const base = {
    id: spec.id,
    resource: { kind: KIND, name, ...(existing?.alarm.AlarmArn ? { arn: existing.alarm.AlarmArn } : {}) },
    ...(spec.dependsOn === undefined ? {} : { dependsOn: spec.dependsOn }),
  };
  if (existing === undefined) {
    return {
      ...base,
      action: 'create',
      reason: `alarm ${name} does not exist; ${spec.what}`,
      async apply(ctx): Promise<AlarmOutput> {
        await api.putAlarm({ ...definition, Tags: [...tags] }, ctx.signal);
        return { alarmName: name };
      },
      undo: (ctx) => api.deleteAlarm(name, ctx.signal),
    };
  }
  const arn = existing.alarm.AlarmArn ?? '';
  const previous = definitionOf(existing.alarm);
  const changed = changedFields(previous, definition);
  const retag = tagChanges(existing.tags, tags);
  const output: AlarmOutput = { alarmName: name, alarmArn: arn };
  if (changed.length === 0 && retag.set.length === 0 && retag.remove.length === 0) {
    return { ...base, action: 'none', reason: `alarm ${name} already ${spec.what}`, existingOutput: output };
  }
  const what = [...changed, ...(retag.set.length + retag.remove.length > 0 ? ['tags'] : [])];
  const restore = tagChanges(
    Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])),
    Object.entries(existing.tags).map(([Key, Value]) => ({ Key, Value })),
  );
  return {
    ...base,
    action: 'update',
    reason: `alarm ${name}: ${what.join(', ')} changed; ${spec.what}`,
    async apply(ctx): Promise<AlarmOutput> {
      // CloudWatch ignores Tags when PutMetricAlarm updates an alarm: tags are changed on their own.
      await api.putAlarm(definition, ctx.signal);
      await api.tag(arn, retag.set, ctx.signal);
      await api.untag(arn, retag.remove, ctx.signal);
      return output;
    },
    async undo(ctx) {
      await api.putAlarm(previous, ctx.signal);
      await api.tag(arn, restore.set, ctx.signal);
      await api.untag(arn, restore.remove, ctx.signal);
    },
  };
}

/** The step that deletes an alarm no longer asked for; undone by making it again as it was, tags and all. */
export function deleteAlarmStep(
  api: CloudWatchApi,
  spec: { readonly id: string; readonly existing: ExistingAlarm; readonly dependsOn?: readonly string[]; why: string },
): PlanStep {
  const { alarm, tags } = spec.existing;
  const name = alarm.AlarmName ?? '';
  const previous = definitionOf(alarm);
  return {
    id: spec.id,
    resource: { kind: KIND, name, ...(alarm.AlarmArn ? { arn: alarm.AlarmArn } : {}) },
    ...(spec.dependsOn === undefined ? {} : { dependsOn: spec.dependsOn }),
    action: 'delete',
    reason: `alarm ${name} ${spec.why}`,
    async apply(ctx) {
      await api.deleteAlarm(name, ctx.signal);
      return { alarmName: name };
    },
    async undo(ctx) {
      // Tags of AWS's own cannot be set by anyone but AWS.
      const Tags = Object.entries(tags)
        .filter(([Key]) => !Key.toLowerCase().startsWith('aws:'))
        .map(([Key, Value]) => ({ Key, Value }));
      await api.putAlarm({ ...previous, ...(Tags.length === 0 ? {} : { Tags }) }, ctx.signal);
    },
  };
}
