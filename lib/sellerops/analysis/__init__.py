"""Pure analyses: frames in, results out. No file I/O, no plotting, no display.

``analysis`` imports only :mod:`sellerops.core`; the readers hand it frames, ``show`` displays
what it returns.
"""
