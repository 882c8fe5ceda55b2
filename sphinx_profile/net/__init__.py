"""Network code, used only by the ``sphinx-profile`` commands that ask scholarly services
(``add``); ``sphinx-build`` never imports it, so a build stays offline and reproducible."""
