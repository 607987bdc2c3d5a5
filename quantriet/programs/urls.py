from django.urls import path

from quantriet.programs import report_views, views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("updates/<int:pk>/comment/", views.update_comment, name="comment"),
    path("<int:pk>/reports/new/", report_views.report_create, name="report_create"),
    path("reports/<int:pk>/", report_views.report_detail, name="report"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("new/", views.program_create, name="create"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/submit/", views.program_submit, name="submit"),
    path("<int:pk>/issue/", views.program_issue, name="issue"),
    path("<int:pk>/return/", views.program_return, name="return"),
    path("<int:pk>/tasks/new/", views.task_add, name="task_add"),
    path("<int:pk>/timeline/", views.program_timeline, name="timeline"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
]
