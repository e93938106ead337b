export { PolicyImpactPage, SAMPLE_CANDIDATE_POLICY } from './PolicyImpactPage';
