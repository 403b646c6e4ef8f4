# Mag dit? as a container: `docker build -t mag-dit .` then run with the settings as environment
# variables (see .env.example; in Azure they come from App Service / Key Vault). Same start command as
# the README's server: `python app.py`. Health: GET /healthz (alive), /readyz (rules + database).

# --- build: every dependency as a wheel (all of them ship binary wheels for CPython 3.11) ----------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cards ./cards
RUN python -m pip wheel --wheel-dir /wheels '.[azure]'

# --- run: no compilers, no source tree, a non-root user -------------------------------------------
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    LOG_FORMAT=json
RUN groupadd --system --gid 10001 magdit \
    && useradd --system --uid 10001 --gid magdit --home-dir /app --shell /usr/sbin/nologin magdit
WORKDIR /app
COPY --from=build /wheels /wheels
RUN python -m pip install --no-index --find-links=/wheels 'mag-dit[azure]' && rm -rf /wheels
COPY app.py ./
COPY rules ./rules
# ./data only for a SQLite fallback; in Azure DATABASE_URL points at PostgreSQL.
RUN mkdir -p /app/data && chown magdit:magdit /app/data
USER magdit
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
CMD ["python", "app.py"]
