"""Building blocks of the draft store; the public face is :mod:`dienchau_desktop.storage`."""
