"""WordprocessingML: everything revdiff knows about Word's files, shared by the .docx loader
(`revdiff.load.docx`) and the redline writer (`revdiff.redline`).

Layers, bottom up (as python-docx's ``opc``/``oxml``):

- `names`: the one table of namespaces, relationship and content types and element names;
- `xml`: the one safe XML parser configuration (no entities, no DTD, no network);
- `package`: the safe reader of a package's parts for the loader (zip bombs, part sizes);
  `parts`: a whole package held in memory for the writer to edit and write deterministically;
- `paragraphs`, `runs`, `symbols`: paragraphs of the body, runs and the text they show
  (``w:t``, ``w:tab``, ``w:br``, ``w:noBreakHyphen``, ``w:softHyphen``, ``w:sym``);
- `inline`: a paragraph's runs, note marks and notes read in a view (the loader's reading);
- `styles`, `numbering`: paragraph styles and the list labels Word draws;
- `revisions`, `comments`, `schema`: tracked changes read in a view and built, comments, and the
  schema order of the children the writer inserts.

The modules are imported by name; this package exports nothing itself.
"""
