# The ODOP Portal image: web (gunicorn), Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint renders PDFs with Pango and HarfBuzz; the fonts it needs ship in static/fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 odop
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic DJANGO_ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /data/media && chown odop:odop /data/media

USER odop
EXPOSE 8000
CMD ["gunicorn", "odop_portal.wsgi", "--config", "odop_portal/gunicorn.conf.py"]
