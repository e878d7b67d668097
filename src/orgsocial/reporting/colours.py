"""Each phase's colour, the same in the figures and on the summary pages: seaborn's
"colorblind" palette, written as CSS here so that the pages need no matplotlib."""

PHASE_COLOURS = {1: "#949494", 2: "#de8f05", 3: "#0173b2", 4: "#029e73"}
