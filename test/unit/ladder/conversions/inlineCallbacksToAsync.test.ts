// The example in the header of conversions/inlineCallbacksToAsync.ts is what the conversion does.
import { testHeaderExample } from './headerExample';

testHeaderExample('inline-callbacks-to-async', 'inlineCallbacksToAsync');
