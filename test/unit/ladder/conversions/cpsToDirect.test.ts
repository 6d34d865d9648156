// The example in the header of conversions/cpsToDirect.ts is what the conversion does.
import { testHeaderExample } from './headerExample';

testHeaderExample('cps-to-direct', 'cpsToDirect');
