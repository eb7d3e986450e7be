from django.urls import path

from temoin.cases import case_views, files, views

app_name = "cases"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("labels/", views.labels_view, name="labels"),
    path("<int:case_id>/", case_views.case_view, name="case"),
    path("<int:case_id>/status/", case_views.case_status_view, name="status"),
    path("<int:case_id>/assign/", case_views.case_assign_view, name="assign"),
    path("<int:case_id>/labels/", case_views.case_labels_view, name="case-labels"),
    path("<int:case_id>/reply/", case_views.case_reply_view, name="reply"),
    path("<int:case_id>/notes/", case_views.case_note_view, name="note"),
    path("<int:case_id>/journey/", case_views.case_stage_view, name="stage"),
    path(
        "<int:case_id>/files/<int:attachment_id>/",
        files.cleaned_file_view,
        name="file",
    ),
    path(
        "<int:case_id>/files/<int:attachment_id>/original/",
        files.original_file_view,
        name="original",
    ),
]
