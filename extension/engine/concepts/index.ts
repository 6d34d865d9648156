// The concept classifier's public surface.
export { CONCEPT_IDS, CONCEPT_PARENTS, impliedConcepts, mostSpecificIds, shownConcepts, type ConceptId, type ConceptLabel } from './concept';
export { classifyFile, type ClassifiedFunction } from './classify';
export { CONCEPT_INFO, type ConceptInfo } from './conceptInfo';
