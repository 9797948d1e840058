-------------------------------- MODULE Json --------------------------------
\* Conversion of TLA+ values to and from JSON text, and reading and writing
\* JSON files.  TLC implements every operator natively; the bodies below
\* only state the type of the result.
\*
\* A value is written as JSON as follows: a record, or a function whose
\* domain is not 1..n, as an object (keys are the record's field names, or
\* the printed domain elements); a sequence (tuple) or a set as an array
\* (a set's elements in TLC's order); a string or model value as a string;
\* an integer as a number; a Boolean as true or false.

\* Sequences is used by the definitions below but not exported.
LOCAL INSTANCE Sequences

\* ToJson(value) is the compact JSON text of value, without spaces.
\*
\* Example: ToJson([a |-> 1, b |-> <<"x", TRUE>>]) = "{\"a\":1,\"b\":[\"x\",true]}"
ToJson(value) == CHOOSE s \in STRING : TRUE

\* ToJsonArray(value) is value as a JSON array (a function that is not a
\* sequence still becomes an object).
\*
\* Example: ToJsonArray({3, 1}) = "[1,3]"
ToJsonArray(value) == CHOOSE s \in STRING : TRUE

\* ToJsonObject(value) is value as a JSON object; a tuple's keys are its
\* positions counted from 0.
\*
\* Example: ToJsonObject(<<1, 2>>) = "{\"0\":1,\"1\":2}"
ToJsonObject(value) == CHOOSE s \in STRING : TRUE

\* JsonSerialize(absoluteFilename, value) writes the sequence value to the
\* file as one JSON array, an element per line, and is TRUE.
JsonSerialize(absoluteFilename, value) == TRUE

\* JsonDeserialize(absoluteFilename) is the value of the JSON text in the
\* file: objects become records, arrays tuples, numbers integers.
JsonDeserialize(absoluteFilename) == CHOOSE val : TRUE

\* ndJsonSerialize(absoluteFilename, value) writes the elements of the
\* sequence value to the file, one JSON value per line, and is TRUE.
ndJsonSerialize(absoluteFilename, value) == TRUE

\* ndJsonDeserialize(absoluteFilename) is the sequence of the values of the
\* file's lines, each a JSON text.
ndJsonDeserialize(absoluteFilename) == CHOOSE val \in Seq(CHOOSE S : TRUE) : TRUE
=============================================================================
