"""The newsroom's staff: groups, permissions and the "Press office review" workflow.

One owner for these names and rules: the data migration and the signal both call here.
"""

EDITORS = "Editors"
PRESS_OFFICE = "Press office"
PRESS_REVIEW_WORKFLOW = "Press office review"
PRESS_REVIEW_TASK = "Press office approval"

# Page permissions on the whole tree: editors write and submit, the press office also publishes.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    PRESS_OFFICE: ["add_page", "change_page", "publish_page"],
}
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def ensure_staff_groups(apps):
    """Create the groups, their permissions and the workflow; safe to run again."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    document_type, _ = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        groups[name] = group
        if root_page is not None:
            for codename in codenames:
                permission, _ = Permission.objects.get_or_create(
                    content_type=page_type, codename=codename, defaults={"name": codename}
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection is not None:
            for codename in DOCUMENT_PERMISSIONS:
                permission, _ = Permission.objects.get_or_create(
                    content_type=document_type, codename=codename, defaults={"name": codename}
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=PRESS_REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=PRESS_REVIEW_TASK, content_type=task_type, active=True
        )
    task.groups.add(groups[PRESS_OFFICE])
    workflow, _ = Workflow.objects.get_or_create(
        name=PRESS_REVIEW_WORKFLOW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_press_review(page):
    """Releases under this page go through press office review (when the workflow exists)."""
    from wagtail.models import Workflow, WorkflowPage

    workflow = Workflow.objects.filter(name=PRESS_REVIEW_WORKFLOW, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
