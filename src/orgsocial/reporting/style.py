"""What the figures and the pages share, without matplotlib: each phase's colour
(seaborn's "colorblind" palette, as CSS) and the figures' format."""

PHASE_COLOURS = {1: "#949494", 2: "#de8f05", 3: "#0173b2", 4: "#029e73"}
#: SVG: sharp on any screen and in print (text drawn as shapes, so it looks as matplotlib
#: laid it out), and cheaper to make than a PNG.
FIGURE_TYPE = "image/svg+xml"
