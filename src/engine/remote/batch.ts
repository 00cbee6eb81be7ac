/**
 * RequestBatch execution. SerialRealtime and SerialFrame run one request after another (a Sleep in
 * a SerialFrame batch waits whole frames, see RequestContext.frameDurationMs); Parallel starts them
 * all at once. Results keep the order of the requests, each echoing its requestType and requestId.
 * Batch variables (inputVariables / outputVariables) work in the serial modes as in OBS.
 */
import type { RequestOutcome } from './types';
import { ExecutionType, RequestCode, type ExecutionTypeValue } from './protocol';
import { isPlainObject } from './codec';

export interface BatchItem {
  requestType: string;
  requestId?: string | number;
  requestData: unknown;
  inputVariables: Record<string, unknown> | null;
  outputVariables: Record<string, unknown> | null;
}

export interface BatchResult extends RequestOutcome {
  requestType: string;
  requestId?: string | number;
}

export type RunOne = (requestType: string, requestData: unknown) => Promise<RequestOutcome>;

/** A sub-request of any shape becomes an item; what is wrong with it shows in its own result. */
export function parseBatchItem(raw: unknown): BatchItem {
  const sub = isPlainObject(raw) ? raw : {};
  const type = sub['requestType'];
  const id = sub['requestId'];
  const item: BatchItem = {
    // OBS treats a missing or non-string type as empty, which answers 203 MissingRequestType.
    requestType: typeof type === 'string' ? type : '',
    requestData: sub['requestData'],
    inputVariables: isPlainObject(sub['inputVariables']) ? sub['inputVariables'] : null,
    outputVariables: isPlainObject(sub['outputVariables']) ? sub['outputVariables'] : null,
  };
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) item.requestId = id;
  return item;
}

export async function runBatch(
  items: readonly BatchItem[],
  opts: { executionType: ExecutionTypeValue; haltOnFailure: boolean; variables: Record<string, unknown> | null },
  run: RunOne,
): Promise<BatchResult[]> {
  const label = (item: BatchItem, outcome: RequestOutcome): BatchResult => {
    const result: BatchResult = { requestType: item.requestType, requestStatus: outcome.requestStatus };
    if (item.requestId !== undefined) result.requestId = item.requestId;
    if (outcome.responseData !== undefined) result.responseData = outcome.responseData;
    return result;
  };

  if (opts.executionType === ExecutionType.Parallel) {
    // haltOnFailure has no meaning when everything has already started (OBS ignores it too).
    const outcomes = await Promise.all(items.map((item) => run(item.requestType, item.requestData)));
    return outcomes.map((outcome, i) => label(items[i]!, outcome));
  }

  const variables = new Map<string, unknown>(Object.entries(opts.variables ?? {}));
  const results: BatchResult[] = [];
  for (const item of items) {
    const outcome = await run(item.requestType, withInputs(item, variables));
    captureOutputs(item, outcome, variables);
    results.push(label(item, outcome));
    if (opts.haltOnFailure && outcome.requestStatus.code !== RequestCode.Success) break;
  }
  return results;
}

/** `inputVariables: { sceneName: "myVar" }` sets requestData.sceneName to the variable myVar. */
function withInputs(item: BatchItem, variables: Map<string, unknown>): unknown {
  if (!item.inputVariables || variables.size === 0) return item.requestData;
  // Data of the wrong type is left alone: the handler's run reports it.
  if (item.requestData !== undefined && item.requestData !== null && !isPlainObject(item.requestData)) return item.requestData;
  const data: Record<string, unknown> = { ...(isPlainObject(item.requestData) ? item.requestData : {}) };
  for (const [field, name] of Object.entries(item.inputVariables)) {
    if (typeof name !== 'string' || !variables.has(name)) continue;
    // defineProperty, not assignment: a field named __proto__ must stay a plain field.
    Object.defineProperty(data, field, { value: variables.get(name), enumerable: true, writable: true, configurable: true });
  }
  return data;
}

/** `outputVariables: { myVar: "sceneItemId" }` stores responseData.sceneItemId as myVar. */
function captureOutputs(item: BatchItem, outcome: RequestOutcome, variables: Map<string, unknown>): void {
  const data = outcome.responseData;
  if (!item.outputVariables || !data) return;
  for (const [name, field] of Object.entries(item.outputVariables)) {
    if (typeof field === 'string' && Object.hasOwn(data, field)) variables.set(name, data[field]);
  }
}
