from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    name = "insatskollen.benchmarking"
    label = "benchmarking"
    verbose_name = "Jämförelser mellan stadsdelar"
