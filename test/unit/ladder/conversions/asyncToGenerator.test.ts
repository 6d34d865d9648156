// The example in the header of conversions/asyncToGenerator.ts is what the conversion does.
import { testHeaderExample } from './headerExample';

testHeaderExample('async-to-generator', 'asyncToGenerator');
