// The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS) that
// the objects we emit must satisfy: required properties, the properties each
// object may have (the schema closes its objects), enums and integer bounds.
// No network here to fetch the schema, and no npm package in the tree ships it.

type Json = unknown;

interface Shape {
  readonly required: readonly string[];
  readonly allowed: readonly string[];
}

const SHAPES: Readonly<Record<string, Shape>> = {
  sarifLog: { required: ['version', 'runs'], allowed: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'] },
  run: {
    required: ['tool'],
    allowed: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  },
  tool: { required: ['driver'], allowed: ['driver', 'extensions', 'properties'] },
  toolComponent: {
    required: ['name'],
    allowed: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  },
  reportingDescriptor: {
    required: ['id'],
    allowed: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
  },
  multiformatMessageString: { required: ['text'], allowed: ['text', 'markdown', 'properties'] },
  reportingConfiguration: { required: [], allowed: ['enabled', 'level', 'rank', 'parameters', 'properties'] },
  result: {
    required: ['message'],
    allowed: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  },
  message: { required: [], allowed: ['text', 'markdown', 'id', 'arguments', 'properties'] },
  location: { required: [], allowed: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'] },
  physicalLocation: { required: [], allowed: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'] },
  artifactLocation: { required: [], allowed: ['uri', 'uriBaseId', 'index', 'description', 'properties'] },
  region: {
    required: [],
    allowed: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
  },
  codeFlow: { required: ['threadFlows'], allowed: ['message', 'threadFlows', 'properties'] },
  threadFlow: { required: ['locations'], allowed: ['id', 'message', 'initialState', 'immutableState', 'locations', 'properties'] },
  threadFlowLocation: {
    required: [],
    allowed: ['index', 'location', 'stack', 'kinds', 'taxa', 'module', 'state', 'nestingLevel', 'executionOrder', 'executionTimeUtc', 'importance', 'webRequest', 'webResponse', 'properties'],
  },
};

const LEVELS = ['none', 'note', 'warning', 'error'];

/** Every violation found, as `path: problem`; empty when the log conforms. */
export function sarifProblems(log: Json): string[] {
  const problems: string[] = [];
  const object = (value: Json, shape: string, path: string): Record<string, Json> | undefined => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path}: expected a ${shape} object`);
      return undefined;
    }
    const record = value as Record<string, Json>;
    const { required, allowed } = SHAPES[shape]!;
    for (const key of required) if (!(key in record)) problems.push(`${path}: ${shape} requires '${key}'`);
    for (const key of Object.keys(record)) if (!allowed.includes(key)) problems.push(`${path}: '${key}' is not a ${shape} property`);
    return record;
  };
  const array = (value: Json, path: string, each: (item: Json, path: string) => void, minItems = 0): void => {
    if (!Array.isArray(value)) {
      if (value !== undefined) problems.push(`${path}: expected an array`);
      return;
    }
    if (value.length < minItems) problems.push(`${path}: needs at least ${String(minItems)} items`);
    value.forEach((item, i) => {
      each(item, `${path}[${String(i)}]`);
    });
  };
  const integer = (value: Json, path: string, minimum: number): void => {
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < minimum)) problems.push(`${path}: expected an integer ≥ ${String(minimum)}`);
  };
  const text = (value: Json, path: string, shape: 'message' | 'multiformatMessageString'): void => {
    const m = object(value, shape, path);
    if (m && typeof m['text'] !== 'string' && (shape === 'multiformatMessageString' || typeof m['id'] !== 'string')) problems.push(`${path}: needs 'text'`);
  };
  const level = (value: Json, path: string): void => {
    if (value !== undefined && !LEVELS.includes(value as string)) problems.push(`${path}: level must be one of ${LEVELS.join(', ')}`);
  };
  const location = (value: Json, path: string): void => {
    const l = object(value, 'location', path);
    if (!l) return;
    integer(l['id'], `${path}.id`, -1);
    if (l['message'] !== undefined) text(l['message'], `${path}.message`, 'message');
    if (l['physicalLocation'] === undefined) return;
    const p = object(l['physicalLocation'], 'physicalLocation', `${path}.physicalLocation`);
    if (!p) return;
    if (p['address'] === undefined && p['artifactLocation'] === undefined) problems.push(`${path}.physicalLocation: needs 'address' or 'artifactLocation'`);
    const a = object(p['artifactLocation'], 'artifactLocation', `${path}.physicalLocation.artifactLocation`);
    if (a && a['uri'] !== undefined && (typeof a['uri'] !== 'string' || /\s|\\/.test(a['uri']))) problems.push(`${path}: uri must be a URI reference`);
    if (p['region'] !== undefined) {
      const r = object(p['region'], 'region', `${path}.physicalLocation.region`);
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) integer(r?.[key], `${path}.region.${key}`, 1);
    }
  };

  const root = object(log, 'sarifLog', '$');
  if (!root) return problems;
  if (root['version'] !== '2.1.0') problems.push(`$.version: must be "2.1.0"`);
  array(root['runs'], '$.runs', (runValue, runPath) => {
    const run = object(runValue, 'run', runPath);
    if (!run) return;
    if (run['columnKind'] !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run['columnKind'] as string)) problems.push(`${runPath}.columnKind: bad value`);
    const tool = object(run['tool'], 'tool', `${runPath}.tool`);
    const driver = object(tool?.['driver'], 'toolComponent', `${runPath}.tool.driver`);
    let ruleCount = 0;
    array(driver?.['rules'], `${runPath}.tool.driver.rules`, (ruleValue, rulePath) => {
      ruleCount++;
      const rule = object(ruleValue, 'reportingDescriptor', rulePath);
      if (rule?.['shortDescription'] !== undefined) text(rule['shortDescription'], `${rulePath}.shortDescription`, 'multiformatMessageString');
      const config = rule?.['defaultConfiguration'] === undefined ? undefined : object(rule['defaultConfiguration'], 'reportingConfiguration', `${rulePath}.defaultConfiguration`);
      level(config?.['level'], `${rulePath}.defaultConfiguration.level`);
    });
    array(run['results'], `${runPath}.results`, (resultValue, resultPath) => {
      const result = object(resultValue, 'result', resultPath);
      if (!result) return;
      text(result['message'], `${resultPath}.message`, 'message');
      level(result['level'], `${resultPath}.level`);
      integer(result['ruleIndex'], `${resultPath}.ruleIndex`, -1);
      if (typeof result['ruleIndex'] === 'number' && result['ruleIndex'] >= ruleCount) problems.push(`${resultPath}.ruleIndex: no such rule`);
      array(result['locations'], `${resultPath}.locations`, location);
      array(result['relatedLocations'], `${resultPath}.relatedLocations`, location);
      array(result['codeFlows'], `${resultPath}.codeFlows`, (flowValue, flowPath) => {
        const flow = object(flowValue, 'codeFlow', flowPath);
        array(flow?.['threadFlows'], `${flowPath}.threadFlows`, (threadValue, threadPath) => {
          const thread = object(threadValue, 'threadFlow', threadPath);
          array(thread?.['locations'], `${threadPath}.locations`, (tflValue, tflPath) => {
            const tfl = object(tflValue, 'threadFlowLocation', tflPath);
            if (tfl?.['location'] !== undefined) location(tfl['location'], `${tflPath}.location`);
          }, 1);
        }, 1);
      });
    });
  });
  return problems;
}
