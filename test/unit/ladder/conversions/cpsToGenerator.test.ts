// The example in the header of conversions/cpsToGenerator.ts is what the conversion does.
import { testHeaderExample } from './headerExample';

testHeaderExample('cps-to-generator', 'cpsToGenerator');
